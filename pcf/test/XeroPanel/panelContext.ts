/**
 * The Xero panel's mock PCF context, in the manner of ../mockContext.ts: the real resx strings, the
 * fake Web API, and a requestRender the test can await instead of sleeping.
 */
import { panelText, type FakePanelWebApi } from './support';

export interface PanelContext {
  parameters: { syncStatus: { raw: number | null } };
  mode: { contextInfo: { entityId: string | undefined } };
  webAPI: FakePanelWebApi;
  resources: { getString(id: string): string };
  formatting: {
    formatDecimal(value: number, precision?: number): string;
    formatDateShort(value: Date, includeTime?: boolean): string;
  };
  navigation: { openUrl: jest.Mock };
  factory: { requestRender(): void };
  updatedProperties: string[];
  /** Resolves at the control's next requestRender call. */
  nextRender(): Promise<void>;
}

export function panelContext(
  webAPI: FakePanelWebApi,
  entityId: string | undefined,
  syncStatus: number | null = null,
): PanelContext {
  const text = panelText();
  let waiting: (() => void)[] = [];
  return {
    parameters: { syncStatus: { raw: syncStatus } },
    mode: { contextInfo: { entityId } },
    webAPI,
    resources: { getString: (id) => text(id as Parameters<typeof text>[0]) },
    formatting: {
      formatDecimal: (value, precision) => value.toFixed(precision ?? 2),
      formatDateShort: (value) => value.toISOString().slice(0, 16).replace('T', ' '),
    },
    navigation: { openUrl: jest.fn() },
    factory: {
      requestRender: () => {
        const resolve = waiting;
        waiting = [];
        for (const r of resolve) r();
      },
    },
    updatedProperties: [],
    nextRender: () => new Promise<void>((resolve) => waiting.push(resolve)),
  };
}
