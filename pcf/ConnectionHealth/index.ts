import * as React from 'react';
import type { IInputs, IOutputs } from './generated/ManifestTypes';
import { InputProperties } from './ManifestConstants';
import { toConnectionHealthView, type ConnectionHealthView } from './mapping';
import { portsFrom, recordIdOf, runCommand, type ConnectionCommand } from './commands';
import { ConnectionHealthPanel } from './components/ConnectionHealthPanel';
import type { ActionOutcome } from './sharedActions';

/** Inputs whose change means the view must be rebuilt (PCF reports bound and input names alike). */
const WATCHED_INPUTS: readonly string[] = [
  InputProperties.Status,
  InputProperties.ConnectionName,
  InputProperties.TenantName,
  InputProperties.RefreshDeadline,
  InputProperties.DailyCallsLeft,
  InputProperties.LastRefreshOn,
  InputProperties.LastError,
];

/** Lifecycle only: the view comes from the mapping, rendering from the component, work from the commands. */
export class ConnectionHealth implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private view: ConnectionHealthView | undefined;
  private context: ComponentFramework.Context<IInputs> | undefined;

  public init(): void {
    this.view = undefined;
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    this.context = context;
    const changed = context.updatedProperties ?? [];
    if (this.view === undefined || changed.some((name) => WATCHED_INPUTS.includes(name))) {
      this.view = toConnectionHealthView(context, new Date(), recordIdOf(context) !== '');
    }
    return React.createElement(ConnectionHealthPanel, { view: this.view, onCommand: this.onCommand });
  }

  /** Stable across renders, so the memoised panel re-renders only when the view changes. */
  private readonly onCommand = (command: ConnectionCommand): Promise<ActionOutcome> => {
    const context = this.context;
    const id = context ? recordIdOf(context) : '';
    if (!context || !id)
      return Promise.resolve({ kind: 'failed', message: this.view?.labels.saveFirst ?? '' });
    const name = context.parameters.connectionName.raw?.trim() || id;
    return runCommand(command, portsFrom(context), { id, name });
  };

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    this.view = undefined;
    this.context = undefined;
  }
}
