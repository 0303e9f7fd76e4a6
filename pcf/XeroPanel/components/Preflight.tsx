import * as React from 'react';
import { MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import type { ITextStyles } from '@fluentui/react';
import type { StringKey } from '../ManifestConstants';
import type { PreflightView } from '../mapping';

export interface PreflightProps {
  readonly preflight: PreflightView;
  readonly text: (key: StringKey) => string;
}

const bold: ITextStyles = { root: { fontWeight: 600 } };

/** The pre-flight check: the totals side by side, then each finding with its fix. */
function PreflightImpl({ preflight, text }: PreflightProps): React.ReactElement {
  const heading = text('Preflight_Heading');
  const totals: [StringKey, string][] = [
    ['Totals_Dynamics', preflight.dynamicsTotal],
    ['Totals_Xero', preflight.xeroTotal],
    ['Totals_Difference', preflight.difference],
  ];
  return (
    <Stack tokens={{ childrenGap: 8 }} role="region" aria-label={heading}>
      <Text variant="large" as="h3">
        {heading}
      </Text>
      <Stack horizontal wrap tokens={{ childrenGap: 24 }}>
        {totals.map(([key, value]) => (
          <Stack key={key}>
            <Text variant="small">{text(key)}</Text>
            <Text
              styles={bold}
              data-testid={key}
              data-differs={key === 'Totals_Difference' && preflight.differs}
            >
              {value}
            </Text>
          </Stack>
        ))}
      </Stack>
      {preflight.findings.length === 0 ? (
        <MessageBar messageBarType={MessageBarType.success}>{text('Preflight_Clean')}</MessageBar>
      ) : (
        preflight.blocked && <Text styles={bold}>{text('Preflight_Blocked')}</Text>
      )}
      {preflight.findings.length > 0 && (
        <ul aria-label={heading} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {preflight.findings.map((f, i) => (
            <li key={i} data-testid="finding" data-code={f.code}>
              <MessageBar
                messageBarType={f.severity === 'error' ? MessageBarType.error : MessageBarType.warning}
                isMultiline
              >
                {f.problem}
                {f.fix && (
                  <>
                    {' '}
                    <strong>{text('Preflight_Fix')}:</strong> {f.fix}
                  </>
                )}
              </MessageBar>
            </li>
          ))}
        </ul>
      )}
      <Text variant="small">{preflight.contactNote}</Text>
    </Stack>
  );
}

export const Preflight = React.memo(PreflightImpl);
