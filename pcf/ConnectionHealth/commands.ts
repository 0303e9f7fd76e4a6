/**
 * The control's buttons run the same connection actions as the form ribbon
 * (webresources/scripts/connectionActions.ts), through ports made from the PCF context.
 */
import {
  connect,
  disconnect,
  refreshReferenceData,
  toBareGuid,
  type ActionOutcome,
  type ConnectionPorts,
  type ConnectionRef,
} from './sharedActions';

export type ConnectionCommand = 'connect' | 'disconnect' | 'refresh';

/** The parts of the PCF context the commands use. */
export interface CommandHost {
  readonly webAPI: ConnectionPorts['webApi'];
  readonly navigation: Pick<ComponentFramework.Navigation, 'openUrl' | 'openConfirmDialog'>;
}

/** Wide enough for Xero's consent page. */
const CONSENT_WINDOW = { width: 800, height: 720 };

export function portsFrom(host: CommandHost): ConnectionPorts {
  return {
    webApi: host.webAPI,
    openUrl: (url) => host.navigation.openUrl(url, CONSENT_WINDOW),
    confirm: async (strings) => (await host.navigation.openConfirmDialog(strings)).confirmed,
    fetch: (url, init) => fetch(url, init),
    randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
    now: () => new Date(),
  };
}

/**
 * On a form, PCF gives a field control its record through `mode.contextInfo` (present in
 * model-driven apps though not in the typings); empty on a new, unsaved row.
 */
export function recordIdOf(context: { readonly mode: unknown }): string {
  const info = (context.mode as { contextInfo?: { entityId?: unknown } } | undefined)?.contextInfo;
  return typeof info?.entityId === 'string' ? toBareGuid(info.entityId) : '';
}

const ACTIONS: Record<
  ConnectionCommand,
  (ports: ConnectionPorts, c: ConnectionRef) => Promise<ActionOutcome>
> = {
  connect,
  disconnect,
  refresh: refreshReferenceData,
};

export function runCommand(
  command: ConnectionCommand,
  ports: ConnectionPorts,
  connection: ConnectionRef,
): Promise<ActionOutcome> {
  return ACTIONS[command](ports, connection);
}
