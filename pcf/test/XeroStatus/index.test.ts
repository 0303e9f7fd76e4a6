import type * as React from 'react';
import { CHOICES } from '../../../solution/names';
import { XeroStatus } from '../../XeroStatus';
import type { XeroStatusProps } from '../../XeroStatus/mapping';
import { mockContext, type MockContext, type MockInputs } from '../mockContext';

type Context = Parameters<XeroStatus['updateView']>[0];

function asPcfContext(context: MockContext): Context {
  return context as unknown as Context;
}

function renderedProps(control: XeroStatus, inputs: MockInputs, updated: string[]): XeroStatusProps {
  const element = control.updateView(
    asPcfContext(mockContext(inputs, updated)),
  ) as React.ReactElement<XeroStatusProps>;
  return element.props;
}

describe('XeroStatus control', () => {
  const queued = { syncStatus: CHOICES.syncStatus.values.queued };
  const synced = { syncStatus: CHOICES.syncStatus.values.synced, xeroNumber: 'INV-0042' };

  it('builds the badge props on the first render', () => {
    const control = new XeroStatus();
    control.init();

    expect(renderedProps(control, queued, []).statusLabel).toBe('Queued');
  });

  it('reuses the props when no input changed, so the memoised badge does not re-render', () => {
    const control = new XeroStatus();
    renderedProps(control, queued, []);

    // The mock's values differ, but PCF says only the layout changed: the control must not re-read.
    const second = renderedProps(control, synced, ['layout']);

    expect(second).toMatchObject({ statusLabel: 'Queued', xeroNumber: undefined });
  });

  it.each(['syncStatus', 'xeroNumber', 'lastSyncedOn'])('rebuilds the props when %s changed', (name) => {
    const control = new XeroStatus();
    renderedProps(control, queued, []);

    const next = renderedProps(control, synced, [name]);

    expect(next).toMatchObject({ statusLabel: 'Synced', xeroNumber: 'INV-0042' });
  });

  it('has no outputs: the badge only reads the invoice', () => {
    expect(new XeroStatus().getOutputs()).toEqual({});
  });
});
