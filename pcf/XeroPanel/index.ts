import * as React from 'react';
import type { IInputs, IOutputs } from './generated/ManifestTypes';
import {
  HELP_URL,
  toXeroPanelProps,
  type Formatters,
  type PanelActions,
  type XeroPanelProps,
} from './mapping';
import { PanelController } from './panelController';
import type { PanelWebApi } from './dataSource';
/* eslint-disable @microsoft/power-apps/use-cached-webresource -- a bundled module, not a URL */
import { hostFetch } from '../../webresources/scripts/syncRequest';
/* eslint-enable @microsoft/power-apps/use-cached-webresource */
import { XeroPanelView } from './components/XeroPanelView';

type Context = ComponentFramework.Context<IInputs>;

/** The record's id: model-driven forms give it on `mode.contextInfo`; a new, unsaved invoice has none. */
function recordId(context: Context): string | undefined {
  const info = (context.mode as unknown as { contextInfo?: { entityId?: string } }).contextInfo;
  return info?.entityId || undefined;
}

/** Lifecycle only: state lives in PanelController, props come from the mapping. */
export class XeroPanel implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private controller?: PanelController;
  private format?: Formatters;
  private actions?: PanelActions;
  private props?: XeroPanelProps;
  private propsVersion = -1;

  public init(context: Context): void {
    const format: Formatters = {
      text: (key) => context.resources.getString(key),
      money: (value) => context.formatting.formatDecimal(value, 2),
      dateTime: (value) => context.formatting.formatDateShort(value, true),
    };
    const controller = new PanelController(
      {
        webApi: context.webAPI as unknown as PanelWebApi,
        fetch: hostFetch(),
        onChange: () => context.factory.requestRender(),
        messages: {
          loadFailed: format.text('Error_LoadFailed'),
          syncFailed: format.text('Error_SyncFailed'),
        },
      },
      recordId(context),
      context.parameters.syncStatus.raw,
    );
    this.controller = controller;
    this.format = format;
    this.actions = {
      onSync: () => void controller.sync(),
      onOpenUrl: (url) => context.navigation.openUrl(url),
      onOpenHelp: () => context.navigation.openUrl(HELP_URL),
    };
    // After init returns, so the form renders the skeleton first and is never held up by the reads.
    void Promise.resolve().then(() => controller.load());
  }

  public updateView(context: Context): React.ReactElement {
    const { controller, format, actions } = this;
    if (!controller || !format || !actions) throw new Error('XeroPanel.updateView was called before init');
    // Not only when updatedProperties names the column: some hosts pass a changed value without it.
    // The controller ignores a value it has already seen.
    controller.setSyncStatus(context.parameters.syncStatus.raw);
    if (!this.props || this.propsVersion !== controller.version) {
      this.props = toXeroPanelProps(controller.state, format, actions);
      this.propsVersion = controller.version;
    }
    return React.createElement(XeroPanelView, this.props);
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    this.controller?.destroy();
    this.controller = undefined;
  }
}
