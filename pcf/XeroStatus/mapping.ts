import { NeutralColors, SharedColors } from '@fluentui/react';
import { CHOICES } from '../../solution/names';
import { InputProperties, StringKeys } from './ManifestConstants';

/** How a status looks: each tone is one badge colour. */
export type StatusTone = 'neutral' | 'info' | 'success' | 'danger' | 'warning';

export interface BadgeColours {
  readonly background: string;
  readonly foreground: string;
}

/** Background colours chosen for at least 4.5:1 contrast with white text. */
export const TONE_COLOURS: Readonly<Record<StatusTone, BadgeColours>> = {
  neutral: { background: NeutralColors.gray130, foreground: NeutralColors.white },
  info: { background: SharedColors.cyanBlue10, foreground: NeutralColors.white },
  success: { background: SharedColors.green20, foreground: NeutralColors.white },
  danger: { background: SharedColors.red20, foreground: NeutralColors.white },
  warning: { background: SharedColors.orangeYellow20, foreground: NeutralColors.white },
};

const syncStatus = CHOICES.syncStatus.values;

const STATUS_LOOKS: ReadonlyMap<number, { labelKey: StringKeys; tone: StatusTone }> = new Map([
  [syncStatus.notSynced, { labelKey: StringKeys.StatusNotSynced, tone: 'neutral' as const }],
  [syncStatus.queued, { labelKey: StringKeys.StatusQueued, tone: 'info' as const }],
  [syncStatus.synced, { labelKey: StringKeys.StatusSynced, tone: 'success' as const }],
  [syncStatus.failed, { labelKey: StringKeys.StatusFailed, tone: 'danger' as const }],
  [syncStatus.outOfDate, { labelKey: StringKeys.StatusOutOfDate, tone: 'warning' as const }],
]);

/** Everything the badge shows, already localised and formatted: the component never sees context. */
export interface XeroStatusProps {
  readonly statusLabel: string;
  readonly tone: StatusTone;
  readonly colours: BadgeColours;
  readonly xeroNumberCaption: string;
  /** Absent until Xero has numbered the document. */
  readonly xeroNumber?: string;
  readonly lastSyncedCaption: string;
  /** The formatted time, or the "never synced" text. */
  readonly lastSyncedText: string;
}

/** The slice of the PCF context the mapping reads; ComponentFramework.Context<IInputs> satisfies it. */
export interface XeroStatusContext {
  readonly parameters: {
    readonly [InputProperties.SyncStatus]: { readonly raw: number | null };
    readonly [InputProperties.XeroNumber]: { readonly raw: string | null };
    readonly [InputProperties.LastSyncedOn]: { readonly raw: Date | null };
  };
  readonly resources: { getString(id: string): string };
  readonly formatting: { formatDateShort(value: Date, includeTime?: boolean): string };
}

/** A status that is empty (new invoice) reads as Not synced; an unknown value is shown as such. */
function statusLook(raw: number | null): { labelKey: StringKeys; tone: StatusTone } {
  if (raw === null || raw === undefined) return { labelKey: StringKeys.StatusNotSynced, tone: 'neutral' };
  return STATUS_LOOKS.get(raw) ?? { labelKey: StringKeys.StatusUnknown, tone: 'neutral' };
}

function isValidDate(value: Date | null): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

export function toXeroStatusProps(context: XeroStatusContext): XeroStatusProps {
  const { parameters, resources, formatting } = context;
  const look = statusLook(parameters[InputProperties.SyncStatus].raw);
  const xeroNumber = parameters[InputProperties.XeroNumber].raw?.trim();
  const lastSyncedOn = parameters[InputProperties.LastSyncedOn].raw;
  return {
    statusLabel: resources.getString(look.labelKey),
    tone: look.tone,
    colours: TONE_COLOURS[look.tone],
    xeroNumberCaption: resources.getString(StringKeys.CaptionXeroNumber),
    xeroNumber: xeroNumber ? xeroNumber : undefined,
    lastSyncedCaption: resources.getString(StringKeys.CaptionLastSynced),
    lastSyncedText: isValidDate(lastSyncedOn)
      ? formatting.formatDateShort(lastSyncedOn, true)
      : resources.getString(StringKeys.CaptionNeverSynced),
  };
}
