import * as React from 'react';
import { Link, MessageBar, MessageBarType, PrimaryButton, Shimmer, Stack, Text } from '@fluentui/react';
import type { Tone, XeroPanelProps } from '../mapping';
import { Preflight } from './Preflight';
import { SyncHistoryList } from './SyncHistoryList';

const NOTICE_TYPES = {
  error: MessageBarType.error,
  warning: MessageBarType.warning,
  info: MessageBarType.info,
};

/** Badge backgrounds with at least 4.5:1 contrast against white (the XeroStatus badge's colours). */
const TONE_BACKGROUNDS: Record<Tone, string> = {
  neutral: '#605e5c',
  info: '#0078d4',
  success: '#0b6a0b',
  danger: '#a4262c',
  warning: '#986f0b',
};

const row = { childrenGap: 16 };

/** The invoice in Xero: status, numbers and links, Sync / Retry, the pre-flight check and history. */
function XeroPanelViewImpl(props: XeroPanelProps): React.ReactElement {
  const { text, xeroUrl, onlineUrl, onOpenUrl } = props;
  return (
    <Stack tokens={{ childrenGap: 14 }} role="region" aria-label={text('Panel_Title')}>
      <Stack horizontal wrap verticalAlign="center" tokens={row}>
        <Text
          role="status"
          aria-live="polite"
          data-testid="status"
          data-tone={props.statusTone}
          styles={{
            root: {
              background: TONE_BACKGROUNDS[props.statusTone],
              color: '#fff',
              borderRadius: 10,
              padding: '2px 10px',
              fontWeight: 600,
            },
          }}
        >
          {props.statusLabel}
        </Text>
        <PrimaryButton
          text={props.sync.label}
          disabled={props.sync.disabled}
          onClick={props.onSync}
          data-testid="sync"
          aria-busy={props.sync.running}
        />
        <Link onClick={props.onOpenHelp}>{text('Link_Help')}</Link>
      </Stack>
      {props.notices.map((n, i) => (
        <MessageBar key={i} messageBarType={NOTICE_TYPES[n.kind]} isMultiline data-testid="notice">
          {n.text}
        </MessageBar>
      ))}
      {props.loading ? (
        <Stack tokens={row} aria-busy="true" aria-label={text('Panel_Loading')} data-testid="skeleton">
          <Shimmer width="40%" />
          <Shimmer width="80%" />
        </Stack>
      ) : (
        <>
          <Stack horizontal wrap tokens={row}>
            {props.details.map((d) => (
              <Stack key={d.caption} data-testid="detail">
                <Text variant="small">{d.caption}</Text>
                <Text styles={{ root: { fontWeight: 600 } }}>{d.value}</Text>
              </Stack>
            ))}
          </Stack>
          <Stack horizontal tokens={row}>
            {xeroUrl && <Link onClick={() => onOpenUrl(xeroUrl)}>{text('Link_OpenInXero')}</Link>}
            {onlineUrl && <Link onClick={() => onOpenUrl(onlineUrl)}>{text('Link_OnlineInvoice')}</Link>}
          </Stack>
          {props.preflight && <Preflight preflight={props.preflight} text={text} />}
          <SyncHistoryList
            heading={text('History_Heading')}
            empty={text('History_Empty')}
            entries={props.history}
          />
        </>
      )}
    </Stack>
  );
}

export const XeroPanelView = React.memo(XeroPanelViewImpl);
