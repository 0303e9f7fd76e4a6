/**
 * One shared mock of the PCF context for the XeroStatus tests. Strings come from the real resx,
 * so a label key missing from XeroStatus.1033.resx fails the tests instead of showing a key.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
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
