/**
 * The sandbox's own secrets, made once and kept in the data folder: the relay's token encryption
 * key (tokens stored in one run must open in the next), the Dataverse webhook secret and the Xero
 * webhook signing key. They protect nothing but local demo data.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SandboxSecrets {
  readonly encryptionKey: string;
  readonly encryptionKeyId: string;
  readonly dataverseWebhookSecret: string;
  readonly xeroWebhookKey: string;
}

export function loadOrCreateSecrets(dataDir: string): SandboxSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxSecrets;
  const secrets: SandboxSecrets = {
    encryptionKey: randomBytes(32).toString('base64'),
    encryptionKeyId: 'sandbox-1',
    dataverseWebhookSecret: randomBytes(24).toString('base64url'),
    xeroWebhookKey: randomBytes(32).toString('base64'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
