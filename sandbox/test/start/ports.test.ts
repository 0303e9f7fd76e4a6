import net from 'node:net';
import { DEFAULT_PORTS, pickPort, preferredPorts } from '../../start/ports';

describe('preferredPorts', () => {
  it('uses the fixed defaults when nothing is set', () => {
    expect(preferredPorts({})).toEqual({ dataverse: 5510, xero: 5520, relay: 5530, shell: 5540 });
  });

  it('takes a port from SANDBOX_<NAME>_PORT', () => {
    expect(preferredPorts({ SANDBOX_RELAY_PORT: '6000' })).toEqual({ ...DEFAULT_PORTS, relay: 6000 });
  });

  it('names the variable when its value is not a port', () => {
    expect(() => preferredPorts({ SANDBOX_XERO_PORT: 'abc' })).toThrow(
      'SANDBOX_XERO_PORT must be a port number (0 to 65535), not "abc"',
    );
  });
});

describe('pickPort', () => {
  let blocker: net.Server;
  let blocked: number;

  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    blocked = (blocker.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => blocker.close(resolve)));

  it('falls back to a free port when the preferred one is taken', async () => {
    const port = await pickPort(blocked);
    expect(port).not.toBe(blocked);
    expect(port).toBeGreaterThan(0);
  });

  it('keeps the preferred port when it is free', async () => {
    const free = await pickPort(0);
    expect(await pickPort(free)).toBe(free);
  });

  it('never hands out a port already given to another service', async () => {
    const free = await pickPort(0);
    expect(await pickPort(free, new Set([free]))).not.toBe(free);
  });
});
