/**
 * The sandbox's fixed default ports, so the printed URLs stay the same between runs; a port that
 * is taken falls back to one the OS picks, and the real one is printed.
 */
import net from 'node:net';

export const DEFAULT_PORTS = { dataverse: 5510, xero: 5520, relay: 5530, shell: 5540 } as const;

export type ServiceName = keyof typeof DEFAULT_PORTS;

const PORT_ENV: Record<ServiceName, string> = {
  dataverse: 'SANDBOX_DATAVERSE_PORT',
  xero: 'SANDBOX_XERO_PORT',
  relay: 'SANDBOX_RELAY_PORT',
  shell: 'SANDBOX_SHELL_PORT',
};

/** The preferred port of each service: SANDBOX_<NAME>_PORT when set, else the default. */
export function preferredPorts(env: Record<string, string | undefined>): Record<ServiceName, number> {
  const ports = { ...DEFAULT_PORTS } as Record<ServiceName, number>;
  for (const name of Object.keys(PORT_ENV) as ServiceName[]) {
    const value = env[PORT_ENV[name]];
    if (value === undefined || value === '') continue;
    const port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`${PORT_ENV[name]} must be a port number (0 to 65535), not "${value}"`);
    ports[name] = port;
  }
  return ports;
}

function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const chosen = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(chosen));
    });
  });
}

/**
 * The preferred port when it is free on 127.0.0.1, otherwise a free one (0 asks the OS). The
 * relay needs its public URL before it listens, so the number is settled up front.
 */
export async function pickPort(preferred: number, taken: ReadonlySet<number> = new Set()): Promise<number> {
  if (preferred !== 0 && !taken.has(preferred)) {
    const free = await listenOnce(preferred);
    if (free !== null) return free;
  }
  for (;;) {
    const port = await listenOnce(0);
    if (port !== null && !taken.has(port)) return port;
  }
}
