import * as React from 'react';
import { Stack, Text } from '@fluentui/react';
import type { HistoryView } from '../mapping';

export interface SyncHistoryListProps {
  readonly heading: string;
  readonly empty: string;
  readonly entries: readonly HistoryView[];
}

/** The last five sync attempts, newest first, with Xero's message when there is one. */
function SyncHistoryListImpl({ heading, empty, entries }: SyncHistoryListProps): React.ReactElement {
  return (
    <Stack role="region" aria-label={heading}>
      <Text variant="large" as="h3">
        {heading}
      </Text>
      {entries.length === 0 ? (
        <Text>{empty}</Text>
      ) : (
        <ol aria-label={heading} style={{ margin: 0, paddingLeft: 18 }}>
          {entries.map((entry, i) => (
            <li key={entry.id || i} data-testid="history" data-tone={entry.tone}>
              <Text>
                <strong>{entry.status}</strong>
                {[entry.time, entry.message].filter(Boolean).map((part) => ` · ${part}`)}
              </Text>
            </li>
          ))}
        </ol>
      )}
    </Stack>
  );
}

export const SyncHistoryList = React.memo(SyncHistoryListImpl);
