/**
 * One shared mock of the PCF context for the control tests (XeroStatus, and ConnectionHealth below). Strings come from the real resx,
 * so a label key missing from XeroStatus.1033.resx fails the tests instead of showing a key.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ConnectionHealthContext } from '../ConnectionHealth/mapping';
import type { XeroStatusContext } from '../XeroStatus/mapping';

const RESX_FILE = path.join(__dirname, '..', 'XeroStatus', 'strings', 'XeroStatus.1033.resx');

export function resxStrings(file = RESX_FILE): Map<string, string> {
  const xml = readFileSync(file, 'utf8');
  const entries = [...xml.matchAll(/<data name="([^"]+)"[^>]*>\s*<value>([^<]*)<\/value>/g)];
  return new Map(entries.map((m) => [m[1], m[2]]));
}

export interface MockInputs {
  syncStatus?: number | null;
  xeroNumber?: string | null;
  lastSyncedOn?: Date | null;
}

export interface MockContext extends XeroStatusContext {
  updatedProperties: string[];
  readonly formatCalls: { value: Date; includeTime: boolean | undefined }[];
}

/** Formats as ISO without seconds, so tests see exactly what the control was given. */
function fakeFormatDateShort(calls: MockContext['formatCalls']) {
  return (value: Date, includeTime?: boolean) => {
    calls.push({ value, includeTime });
    const iso = value.toISOString();
    return includeTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
  };
}

export function mockContext(inputs: MockInputs = {}, updatedProperties: string[] = []): MockContext {
  const strings = resxStrings();
  const formatCalls: MockContext['formatCalls'] = [];
  return {
    parameters: {
      syncStatus: { raw: inputs.syncStatus ?? null },
      xeroNumber: { raw: inputs.xeroNumber ?? null },
      lastSyncedOn: { raw: inputs.lastSyncedOn ?? null },
    },
    resources: {
      getString: (id: string) => {
        const value = strings.get(id);
        if (value === undefined) throw new Error(`XeroStatus.1033.resx has no string ${id}`);
        return value;
      },
    },
    formatting: { formatDateShort: fakeFormatDateShort(formatCalls) },
    updatedProperties,
    formatCalls,
  };
}

const CONNECTION_HEALTH_RESX = path.join(
  __dirname,
  '..',
  'ConnectionHealth',
  'strings',
  'ConnectionHealth.1033.resx',
);

export interface ConnectionHealthInputs {
  status?: number | null;
  connectionName?: string | null;
  tenantName?: string | null;
  refreshDeadline?: Date | null;
  dailyCallsLeft?: number | null;
  lastRefreshOn?: Date | null;
  lastError?: string | null;
}

export interface ConnectionHealthMockContext extends ConnectionHealthContext {
  updatedProperties: string[];
  readonly formatCalls: { value: Date; includeTime: boolean | undefined }[];
  /** Set to give the control a saved record, as model-driven forms do. */
  mode: { contextInfo?: { entityId?: string } };
  webAPI?: unknown;
  navigation?: unknown;
}

/** The ConnectionHealth twin of mockContext: strings from its resx, integers formatted with grouping. */
export function mockConnectionHealthContext(
  inputs: ConnectionHealthInputs = {},
  updatedProperties: string[] = [],
): ConnectionHealthMockContext {
  const strings = resxStrings(CONNECTION_HEALTH_RESX);
  const formatCalls: MockContext['formatCalls'] = [];
  const raw = <T>(value: T | null | undefined) => ({ raw: value ?? null });
  return {
    parameters: {
      status: raw(inputs.status),
      connectionName: raw(inputs.connectionName),
      tenantName: raw(inputs.tenantName),
      refreshDeadline: raw(inputs.refreshDeadline),
      dailyCallsLeft: raw(inputs.dailyCallsLeft),
      lastRefreshOn: raw(inputs.lastRefreshOn),
      lastError: raw(inputs.lastError),
    },
    resources: {
      getString: (id: string) => {
        const value = strings.get(id);
        if (value === undefined) throw new Error(`ConnectionHealth.1033.resx has no string ${id}`);
        return value;
      },
    },
    formatting: {
      formatDateShort: fakeFormatDateShort(formatCalls),
      formatInteger: (value: number) => value.toLocaleString('en-US'),
    },
    updatedProperties,
    formatCalls,
    mode: {},
  };
}
