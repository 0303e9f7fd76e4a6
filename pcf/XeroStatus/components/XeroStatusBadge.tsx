import * as React from 'react';
import { Stack, Text } from '@fluentui/react';
import type { IStackTokens, ITextStyles } from '@fluentui/react';
import type { XeroStatusProps } from '../mapping';

const stackTokens: IStackTokens = { childrenGap: 12 };

function badgeStyles(props: XeroStatusProps): ITextStyles {
  return {
    root: {
      backgroundColor: props.colours.background,
      color: props.colours.foreground,
      borderRadius: 10,
      padding: '2px 10px',
      fontWeight: 600,
      whiteSpace: 'nowrap',
    },
  };
}

function Detail(props: { caption: string; value: string; testId: string }): React.ReactElement {
  return (
    <Text variant="small" data-testid={props.testId}>
      {props.caption}: <strong>{props.value}</strong>
    </Text>
  );
}

/** The invoice's Xero sync status as a coloured badge, with the Xero number and last-synced time. */
function XeroStatusBadgeView(props: XeroStatusProps): React.ReactElement {
  return (
    <Stack horizontal wrap verticalAlign="center" tokens={stackTokens}>
      <Text styles={badgeStyles(props)} role="status" data-testid="xero-status-badge" data-tone={props.tone}>
        {props.statusLabel}
      </Text>
      {props.xeroNumber !== undefined && (
        <Detail caption={props.xeroNumberCaption} value={props.xeroNumber} testId="xero-number" />
      )}
      <Detail caption={props.lastSyncedCaption} value={props.lastSyncedText} testId="xero-last-synced" />
    </Stack>
  );
}

export const XeroStatusBadge = React.memo(XeroStatusBadgeView);
XeroStatusBadge.displayName = 'XeroStatusBadge';
