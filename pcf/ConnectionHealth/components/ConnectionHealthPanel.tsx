import * as React from 'react';
import {
  DefaultButton,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  SharedColors,
  Spinner,
  SpinnerSize,
  Stack,
  Text,
} from '@fluentui/react';
import type { IStackTokens, ITextStyles } from '@fluentui/react';
import type { ActionOutcome } from '../sharedActions';
import type { ConnectionCommand } from '../commands';
import type { ConnectionHealthView, DeadlineTone } from '../mapping';

export interface ConnectionHealthPanelProps {
  readonly view: ConnectionHealthView;
  readonly onCommand: (command: ConnectionCommand) => Promise<ActionOutcome>;
}

const stackTokens: IStackTokens = { childrenGap: 8 };
const rowTokens: IStackTokens = { childrenGap: 12 };

/** Text colours with at least 4.5:1 contrast on white. */
const DEADLINE_COLOURS: Readonly<Record<DeadlineTone, string | undefined>> = {
  ok: undefined,
  none: undefined,
  warning: SharedColors.orangeYellow20,
  danger: SharedColors.red20,
};

function badgeStyles(view: ConnectionHealthView): ITextStyles {
  return {
    root: {
      backgroundColor: view.colours.background,
      color: view.colours.foreground,
      borderRadius: 10,
      padding: '2px 10px',
      fontWeight: 600,
      whiteSpace: 'nowrap',
    },
  };
}

function deadlineStyles(tone: DeadlineTone): ITextStyles {
  const colour = DEADLINE_COLOURS[tone];
  return { root: colour ? { color: colour, fontWeight: 600 } : {} };
}

function Detail(props: { caption: string; value: string; testId: string }): React.ReactElement {
  return (
    <Text variant="small" data-testid={props.testId}>
      {props.caption}: <strong>{props.value}</strong>
    </Text>
  );
}

type ShownOutcome = { readonly kind: 'done' | 'failed'; readonly message: string; readonly hint?: string };

/** Runs one command at a time and keeps its outcome to show; ignores results after unmount. */
function useCommandRunner(
  onCommand: ConnectionHealthPanelProps['onCommand'],
  refreshFormHint: string,
): { busy: boolean; outcome: ShownOutcome | undefined; run: (command: ConnectionCommand) => void } {
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<ShownOutcome | undefined>(undefined);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = React.useCallback(
    (command: ConnectionCommand) => {
      setBusy(true);
      setOutcome(undefined);
      onCommand(command)
        .then(
          (result): ShownOutcome | undefined => {
            if (result.kind === 'cancelled') return undefined;
            // The form keeps its loaded values; the new status shows once it is refreshed.
            const hint = result.kind === 'done' && command === 'disconnect' ? refreshFormHint : undefined;
            return { kind: result.kind, message: result.message, hint };
          },
          (error: unknown): ShownOutcome => ({
            kind: 'failed',
            message: error instanceof Error ? error.message : String(error),
          }),
        )
        .then((shown) => {
          if (!mounted.current) return;
          setOutcome(shown);
          setBusy(false);
        });
    },
    [onCommand, refreshFormHint],
  );
  return { busy, outcome, run };
}

/** The connection's health at a glance, with the commands that fix what it shows. */
function ConnectionHealthPanelView(props: ConnectionHealthPanelProps): React.ReactElement {
  const { view } = props;
  const { labels } = view;
  const { busy, outcome, run } = useCommandRunner(props.onCommand, labels.refreshFormHint);
  const disabled = busy || !view.saved;
  return (
    <section aria-label={labels.region} data-testid="connection-health">
      <Stack tokens={stackTokens}>
        <Stack horizontal wrap verticalAlign="center" tokens={rowTokens}>
          <Text
            styles={badgeStyles(view)}
            role="status"
            data-testid="connection-status"
            data-tone={view.tone}
          >
            {view.statusLabel}
          </Text>
          <Detail
            caption={view.organisationCaption}
            value={view.organisation}
            testId="connection-organisation"
          />
        </Stack>
        <Text
          variant="small"
          styles={deadlineStyles(view.deadlineTone)}
          data-testid="connection-deadline"
          data-tone={view.deadlineTone}
        >
          {view.deadlineText}
        </Text>
        <Stack horizontal wrap tokens={rowTokens}>
          <Detail
            caption={view.dailyCallsCaption}
            value={view.dailyCallsText}
            testId="connection-daily-calls"
          />
          <Detail
            caption={view.lastRefreshCaption}
            value={view.lastRefreshText}
            testId="connection-last-refresh"
          />
        </Stack>
        {view.lastError !== undefined && (
          <div data-testid="connection-last-error">
            <MessageBar messageBarType={MessageBarType.error} isMultiline>
              <strong>{view.lastErrorCaption}:</strong> {view.lastError}
            </MessageBar>
          </div>
        )}
        <div role="group" aria-label={labels.actions}>
          <Stack horizontal wrap verticalAlign="center" tokens={rowTokens}>
            {view.linked ? (
              <>
                <PrimaryButton text={labels.reconnect} disabled={disabled} onClick={() => run('connect')} />
                <DefaultButton
                  text={labels.disconnect}
                  disabled={disabled}
                  onClick={() => run('disconnect')}
                />
                <DefaultButton text={labels.refresh} disabled={disabled} onClick={() => run('refresh')} />
              </>
            ) : (
              <PrimaryButton text={labels.connect} disabled={disabled} onClick={() => run('connect')} />
            )}
            {busy && (
              <Spinner size={SpinnerSize.small} label={labels.busy} ariaLive="polite" labelPosition="right" />
            )}
          </Stack>
        </div>
        {!view.saved && (
          <Text variant="small" data-testid="connection-save-first">
            {labels.saveFirst}
          </Text>
        )}
        {outcome !== undefined && (
          <div
            data-testid="connection-outcome"
            data-kind={outcome.kind}
            role={outcome.kind === 'failed' ? 'alert' : 'status'}
          >
            <MessageBar
              messageBarType={outcome.kind === 'done' ? MessageBarType.success : MessageBarType.error}
              isMultiline
            >
              {outcome.message}
              {outcome.hint !== undefined && ` ${outcome.hint}`}
            </MessageBar>
          </div>
        )}
      </Stack>
    </section>
  );
}

export const ConnectionHealthPanel = React.memo(ConnectionHealthPanelView);
ConnectionHealthPanel.displayName = 'ConnectionHealthPanel';
