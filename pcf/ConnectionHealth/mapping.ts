import { CHOICES } from '../../solution/names';
import { isLinkedToXero } from './sharedActions';
import { TONE_COLOURS, type BadgeColours, type StatusTone } from '../XeroStatus/mapping';
import { InputProperties, StringKeys } from './ManifestConstants';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Under this many days left, the refresh-token line turns to a warning: time to plan a reconnect. */
export const DEADLINE_WARNING_DAYS = 14;

export type DeadlineTone = 'ok' | 'warning' | 'danger' | 'none';

const status = CHOICES.connectionStatus.values;

const STATUS_LOOKS: ReadonlyMap<number, { labelKey: StringKeys; tone: StatusTone }> = new Map([
  [status.notConnected, { labelKey: StringKeys.StatusNotConnected, tone: 'neutral' as const }],
  [status.connected, { labelKey: StringKeys.StatusConnected, tone: 'success' as const }],
  [status.needsAttention, { labelKey: StringKeys.StatusNeedsAttention, tone: 'warning' as const }],
  [status.disconnected, { labelKey: StringKeys.StatusDisconnected, tone: 'neutral' as const }],
]);

/** Everything the panel shows, localised and formatted: the component never sees context. */
export interface ConnectionHealthView {
  readonly statusLabel: string;
  readonly tone: StatusTone;
  readonly colours: BadgeColours;
  /** Connected or Needs attention: offer Reconnect, Disconnect and Refresh; otherwise Connect. */
  readonly linked: boolean;
  /** False on a new, unsaved connection: the commands need a row id. */
  readonly saved: boolean;
  readonly organisationCaption: string;
  readonly organisation: string;
  readonly deadlineText: string;
  readonly deadlineTone: DeadlineTone;
  readonly dailyCallsCaption: string;
  readonly dailyCallsText: string;
  readonly lastRefreshCaption: string;
  readonly lastRefreshText: string;
  readonly lastErrorCaption: string;
  /** Absent when the relay has no problem to report. */
  readonly lastError?: string;
  readonly labels: {
    readonly connect: string;
    readonly reconnect: string;
    readonly disconnect: string;
    readonly refresh: string;
    readonly region: string;
    readonly actions: string;
    readonly busy: string;
    readonly refreshFormHint: string;
    readonly saveFirst: string;
  };
}

/** The slice of the PCF context the mapping reads; ComponentFramework.Context<IInputs> satisfies it. */
export interface ConnectionHealthContext {
  readonly parameters: {
    readonly [InputProperties.Status]: { readonly raw: number | null };
    readonly [InputProperties.ConnectionName]: { readonly raw: string | null };
    readonly [InputProperties.TenantName]: { readonly raw: string | null };
    readonly [InputProperties.RefreshDeadline]: { readonly raw: Date | null };
    readonly [InputProperties.DailyCallsLeft]: { readonly raw: number | null };
    readonly [InputProperties.LastRefreshOn]: { readonly raw: Date | null };
    readonly [InputProperties.LastError]: { readonly raw: string | null };
  };
  readonly resources: { getString(id: string): string };
  readonly formatting: {
    formatDateShort(value: Date, includeTime?: boolean): string;
    formatInteger(value: number): string;
  };
}

/** `{0}`, `{1}` … in a resx string. */
export function fillTemplate(template: string, ...values: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => values[Number(index)] ?? whole);
}

function isValidDate(value: Date | null): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function trimmed(value: string | null): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

/** Whole days from now to the deadline, rounded down; negative once it has passed. */
export function daysUntil(deadline: Date, now: Date): number {
  return Math.floor((deadline.getTime() - now.getTime()) / DAY_MS);
}

export function deadlineToneFor(deadline: Date | null, now: Date): DeadlineTone {
  if (!isValidDate(deadline)) return 'none';
  if (deadline.getTime() <= now.getTime()) return 'danger';
  return daysUntil(deadline, now) < DEADLINE_WARNING_DAYS ? 'warning' : 'ok';
}

function deadlineText(context: ConnectionHealthContext, deadline: Date | null, now: Date): string {
  const { resources, formatting } = context;
  if (!isValidDate(deadline)) return resources.getString(StringKeys.DeadlineNone);
  const date = formatting.formatDateShort(deadline, false);
  if (deadline.getTime() <= now.getTime())
    return fillTemplate(resources.getString(StringKeys.DeadlineExpired), date);
  const days = daysUntil(deadline, now);
  if (days === 0) return fillTemplate(resources.getString(StringKeys.DeadlineValidToday), date);
  if (days === 1) return fillTemplate(resources.getString(StringKeys.DeadlineValidOneDay), date);
  return fillTemplate(resources.getString(StringKeys.DeadlineValid), date, formatting.formatInteger(days));
}

function statusLook(raw: number | null): { labelKey: StringKeys; tone: StatusTone } {
  if (raw === null || raw === undefined) return { labelKey: StringKeys.StatusNotConnected, tone: 'neutral' };
  return STATUS_LOOKS.get(raw) ?? { labelKey: StringKeys.StatusUnknown, tone: 'neutral' };
}

/** `now` is injected so the days left are testable; `saved` says whether the row exists yet. */
export function toConnectionHealthView(
  context: ConnectionHealthContext,
  now: Date,
  saved: boolean,
): ConnectionHealthView {
  const { parameters: p, resources, formatting } = context;
  const text = (key: StringKeys) => resources.getString(key);
  const look = statusLook(p[InputProperties.Status].raw);
  const deadline = p[InputProperties.RefreshDeadline].raw;
  const calls = p[InputProperties.DailyCallsLeft].raw;
  const lastRefresh = p[InputProperties.LastRefreshOn].raw;
  return {
    statusLabel: text(look.labelKey),
    tone: look.tone,
    colours: TONE_COLOURS[look.tone],
    linked: isLinkedToXero(p[InputProperties.Status].raw),
    saved,
    organisationCaption: text(StringKeys.CaptionOrganisation),
    organisation: trimmed(p[InputProperties.TenantName].raw) ?? text(StringKeys.OrganisationNone),
    deadlineText: deadlineText(context, deadline, now),
    deadlineTone: deadlineToneFor(deadline, now),
    dailyCallsCaption: text(StringKeys.CaptionDailyCalls),
    dailyCallsText:
      typeof calls === 'number' && Number.isFinite(calls)
        ? formatting.formatInteger(calls)
        : text(StringKeys.DailyCallsUnknown),
    lastRefreshCaption: text(StringKeys.CaptionLastRefresh),
    lastRefreshText: isValidDate(lastRefresh)
      ? formatting.formatDateShort(lastRefresh, true)
      : text(StringKeys.LastRefreshNever),
    lastErrorCaption: text(StringKeys.CaptionLastError),
    lastError: trimmed(p[InputProperties.LastError].raw),
    labels: {
      connect: text(StringKeys.ButtonConnect),
      reconnect: text(StringKeys.ButtonReconnect),
      disconnect: text(StringKeys.ButtonDisconnect),
      refresh: text(StringKeys.ButtonRefresh),
      region: text(StringKeys.AriaRegion),
      actions: text(StringKeys.AriaActions),
      busy: text(StringKeys.Busy),
      refreshFormHint: text(StringKeys.HintRefreshForm),
      saveFirst: text(StringKeys.SaveFirst),
    },
  };
}
