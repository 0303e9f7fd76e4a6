/**
 * Searches collected relay log lines for secrets. A leak is reported by the secret's name and the
 * line's position, never by its value, so a failing test does not print the secret either. Any
 * JWT-shaped string counts too: it catches bearer tokens the test could not know in advance.
 */
import type { NamedSecret } from './securityHarness';

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./;

export function secretsInLogs(lines: readonly string[], secrets: readonly NamedSecret[]): string[] {
  const leaks: string[] = [];
  lines.forEach((line, index) => {
    for (const secret of secrets) {
      if (line.includes(secret.value)) leaks.push(`line ${index + 1} contains the ${secret.what}`);
    }
    if (JWT.test(line)) leaks.push(`line ${index + 1} contains a JWT`);
  });
  return leaks;
}
