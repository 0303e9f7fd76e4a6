/**
 * The PCF context a hosted control receives: parameters from the bound columns and static values
 * of its FormXml controlDescription, webAPI against the Dataverse emulator, navigation, utils,
 * resources from the control's resx, formatting, mode (with contextInfo: the form's record),
 * userSettings, client and updatedProperties.
 */
import { openAlertDialog, openConfirmDialog } from '../app/dialogs';
import type { DataverseClient } from '../app/dataverse';
import type { ShellNavigator } from '../xrm';
import { openUrlFromShell } from '../xrm';
import type { FormRecord } from '../xrm/record';
import type { ShellWebApi } from '../xrm/webApi';
import { formatting } from './formatting';
import type { ControlManifest } from './manifest';

/** A property's FormXml value: a column name (bound) or a static literal. */
export type PropertyBinding = { column: string } | { literal: string };

export interface ContextInputs {
  manifest: ControlManifest;
  bindings: Map<string, PropertyBinding>;
  strings: Map<string, string>;
  record: FormRecord;
  client: DataverseClient;
  webApi: ShellWebApi;
  navigator: ShellNavigator;
  label: string;
  /** `context.factory.requestRender`: the control asks for another updateView. */
  requestRender: () => void;
}

function formattedValue(value: unknown, options: { value: number; label: string }[]): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && options.length) return options.find((o) => o.value === value)?.label;
  if (value instanceof Date) return formatting.formatDateShort(value, true);
  if (Array.isArray(value)) return (value[0] as { name?: string } | undefined)?.name;
  return String(value);
}

function parameter(inputs: ContextInputs, name: string, ofType: string) {
  const binding = inputs.bindings.get(name);
  if (!binding) return { raw: null, formatted: undefined, type: ofType, error: false, errorMessage: '' };
  if ('literal' in binding) {
    const raw = /^(Whole|Decimal|Currency|FP)/.test(ofType) ? Number(binding.literal) : binding.literal;
    return { raw, formatted: binding.literal, type: ofType, error: false, errorMessage: '' };
  }
  const meta = inputs.record.columns.get(binding.column);
  const value = inputs.record.get(binding.column);
  const options = meta?.options ?? [];
  const raw = Array.isArray(value) ? value.map((v) => ({ ...v, id: v.id.replace(/[{}]/g, '') })) : value;
  return {
    raw,
    formatted: formattedValue(value, options),
    type: ofType,
    error: false,
    errorMessage: '',
    attributes: {
      LogicalName: binding.column,
      DisplayName: meta?.label ?? binding.column,
      Options: options.map((o) => ({ Value: o.value, Label: o.label })),
      Targets: meta?.targets ?? [],
    },
    security: { editable: true, readable: true, secured: false },
  };
}

export function createPcfContext(inputs: ContextInputs, updatedProperties: string[]) {
  const { record, client, navigator, strings } = inputs;
  const parameters: Record<string, unknown> = {};
  for (const p of inputs.manifest.properties) parameters[p.name] = parameter(inputs, p.name, p.ofType);
  return {
    parameters,
    updatedProperties,
    webAPI: inputs.webApi,
    formatting,
    resources: {
      getString: (id: string) => strings.get(id) ?? id,
      getResource: (_id: string, _ok: unknown, failure: () => void) => failure(),
    },
    navigation: {
      openUrl: (url: string, options?: { width?: number; height?: number }) =>
        openUrlFromShell(navigator, url, options),
      openAlertDialog,
      openConfirmDialog,
      openErrorDialog: (options: { message?: string }) =>
        openAlertDialog({ title: 'Error', text: options.message ?? '' }),
      openForm: async (options: { entityName: string; entityId?: string }) => {
        navigator.openForm(options.entityName, options.entityId?.replace(/[{}]/g, ''));
        return { savedEntityReference: [] };
      },
      openWebResource: (name: string, _options?: unknown, data?: string) =>
        navigator.openWebResource(name, data),
    },
    utils: {
      getEntityMetadata: async (entityName: string) => {
        const meta = await client.entity(entityName);
        const columns = await client.columnMap(entityName);
        return {
          LogicalName: meta.logicalName,
          EntitySetName: meta.entitySet,
          PrimaryIdAttribute: meta.primaryId,
          PrimaryNameAttribute: meta.primaryName,
          Attributes: { get: (name: string) => columns.get(name) },
        };
      },
      hasEntityPrivilege: () => true,
      lookupObjects: async () => [],
    },
    mode: {
      isControlDisabled: false,
      isVisible: true,
      label: inputs.label,
      allocatedWidth: -1,
      allocatedHeight: -1,
      trackContainerResize: () => undefined,
      setControlState: () => true,
      setFullScreen: () => undefined,
      setNotification: () => true,
      clearNotification: () => true,
      contextInfo: {
        entityId: record.id,
        entityTypeName: record.entity.logicalName,
        entityRecordName: String(record.get(record.entity.primaryName) ?? ''),
      },
    },
    page: {
      entityId: record.id,
      entityTypeName: record.entity.logicalName,
      getClientUrl: () => client.config.dataverseUrl,
    },
    userSettings: {
      userId: '{00000000-0000-0000-0000-000000000000}',
      userName: 'Dana Demo',
      languageId: 1033,
      isRTL: false,
      securityRoles: [],
      getTimeZoneOffsetMinutes: () => -new Date().getTimezoneOffset(),
    },
    client: {
      getFormFactor: () => 1,
      getClient: () => 'Web',
      isOffline: () => false,
      isNetworkAvailable: () => true,
      disableScroll: false,
    },
    device: {},
    factory: { requestRender: inputs.requestRender, getPopupService: () => undefined },
    accessibility: { getUniqueId: (id: string) => `pcf-${id}` },
  };
}
