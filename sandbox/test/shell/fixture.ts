/**
 * The sandbox the browser tests drive: both emulators, the solution imported, demo data, a
 * connected connection and the relay (the relay's integration harness), plus the demo shell.
 */
import { startHarness, type Harness } from '../../../plugins-proxy/test/integration/harness';
import { startDemoShell, type DemoShell } from '../../shell';

export interface ShellSandbox {
  harness: Harness;
  shell: DemoShell;
  stop(): Promise<void>;
}

export async function startShellSandbox(): Promise<ShellSandbox> {
  const harness = await startHarness();
  const shell = await startDemoShell({
    port: 0,
    dataverseUrl: harness.dataverse.url,
    xeroUrl: harness.xero.url,
    relayUrl: harness.relayUrl,
    getUserToken: () => harness.dataverse.admin.userToken(),
  });
  return {
    harness,
    shell,
    stop: async () => {
      await shell.stop();
      await harness.stop();
    },
  };
}
