import { COLUMNS, COMPONENTS, TABLES } from '../names';
import type {
  EnvironmentVariable,
  FieldSecurityProfile,
  PcfControl,
  ProcessingStep,
  ServiceEndpoint,
  WebResource,
} from './types';

/** Where `npm run build` writes a web resource script: dist/webresources/<its Dataverse name>. */
export function webResourceArtifactPath(name: string): string {
  return `dist/webresources/${name}`;
}

/** Where pcf-scripts writes a control: pcf/out/controls/<constructor>, from `<prefix>_<namespace>.<constructor>`. */
export function controlArtifactPath(name: string): string {
  const constructorName = name.slice(name.lastIndexOf('.') + 1);
  return `pcf/out/controls/${constructorName}`;
}

/** Build outputs of other parts, relative to the artifacts directory (the repo root by default). */
export const ARTIFACT_PATHS = {
  ribbonScript: webResourceArtifactPath(COMPONENTS.invoiceRibbonScript),
  connectionScript: webResourceArtifactPath(COMPONENTS.connectionCommandsScript),
  xeroStatusControl: controlArtifactPath(COMPONENTS.xeroStatusControl),
  connectionHealthControl: controlArtifactPath(COMPONENTS.connectionHealthControl),
  xeroPanelControl: controlArtifactPath(COMPONENTS.xeroPanelControl),
} as const;

export const WEB_RESOURCES: readonly WebResource[] = [
  {
    name: COMPONENTS.invoiceRibbonScript,
    displayName: 'Invoice ribbon commands',
    description:
      'Sync to Xero, Open in Xero, Email from Xero and Sync selected on the invoice form and list.',
    type: 'script',
    source: { from: 'artifacts', path: ARTIFACT_PATHS.ribbonScript },
  },
  {
    name: COMPONENTS.connectionCommandsScript,
    displayName: 'Xero connection commands',
    description: 'Connect, Reconnect, Disconnect and Refresh reference data on the Xero connection form.',
    type: 'script',
    source: { from: 'artifacts', path: ARTIFACT_PATHS.connectionScript },
  },
  {
    name: COMPONENTS.xeroIcon,
    displayName: 'Xero icon',
    description: 'The icon on the Xero ribbon buttons and the app.',
    type: 'svg',
    source: { from: 'repo', path: 'webresources/icons/xero.svg' },
  },
];

function control(name: string, displayName: string): PcfControl {
  return { name, displayName, artifactsPath: controlArtifactPath(name) };
}

/** Every control here is packed from its pcf-scripts output folder into Controls/<name>/. */
export const PCF_CONTROLS: readonly PcfControl[] = [
  control(COMPONENTS.xeroStatusControl, 'Xero status'),
  control(COMPONENTS.connectionHealthControl, 'Xero connection health'),
  control(COMPONENTS.xeroPanelControl, 'Xero panel'),
];

export const FIELD_SECURITY_PROFILES: readonly FieldSecurityProfile[] = [
  {
    name: COMPONENTS.nonceFieldSecurityProfile,
    displayName: 'Stellarise connect code',
    description: 'Lets Xero connection administrators read and write the one-time connect code.',
    permissions: [
      {
        table: TABLES.connection.logicalName,
        column: COLUMNS.connection.connectNonce,
        read: true,
        update: true,
        create: true,
      },
    ],
  },
];

export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  {
    schemaName: COMPONENTS.relayUrlVariable,
    displayName: 'Stellarise relay URL',
    description:
      'The base URL of the Stellarise relay service, e.g. https://relay.example.com. Set it after import.',
    type: 'String',
    required: false,
  },
];

/** The URL is a placeholder; `npm run configure` sets the real URL and the secret header after import. */
export const SERVICE_ENDPOINTS: readonly ServiceEndpoint[] = [
  {
    name: COMPONENTS.webhookEndpoint,
    description: 'Tells the Stellarise relay that a sync was requested.',
    url: 'https://relay.invalid/dataverse/webhook',
    authType: 'HttpHeader',
  },
];

export const PROCESSING_STEPS: readonly ProcessingStep[] = [
  {
    name: COMPONENTS.webhookStep,
    description: 'After a sync history row is created, notify the relay (asynchronously).',
    message: 'Create',
    table: TABLES.syncHistory.logicalName,
    mode: 'async',
    stage: 'postOperation',
    endpoint: COMPONENTS.webhookEndpoint,
  },
];
