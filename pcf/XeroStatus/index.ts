import * as React from 'react';
import type { IInputs, IOutputs } from './generated/ManifestTypes';
import { InputProperties } from './ManifestConstants';
import { toXeroStatusProps, type XeroStatusProps } from './mapping';
import { XeroStatusBadge } from './components/XeroStatusBadge';

/** Inputs whose change means the badge must be rebuilt (PCF reports bound and input names alike). */
const WATCHED_INPUTS: readonly string[] = [
  InputProperties.SyncStatus,
  InputProperties.XeroNumber,
  InputProperties.LastSyncedOn,
];

/** Lifecycle only: props come from the mapping, rendering from the component. */
export class XeroStatus implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private props: XeroStatusProps | undefined;

  public init(): void {
    this.props = undefined;
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    const changed = context.updatedProperties ?? [];
    if (this.props === undefined || changed.some((name) => WATCHED_INPUTS.includes(name))) {
      this.props = toXeroStatusProps(context);
    }
    return React.createElement(XeroStatusBadge, this.props);
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    this.props = undefined;
  }
}
