/**
 * The global `Xrm` the real ribbon scripts run against: WebApi (the emulator, as the demo user),
 * Navigation (openUrl in a new window, alert/confirm as modal dialogs, navigateTo and openForm
 * through the shell's router), Utility (getGlobalContext with getClientUrl, progress indicator).
 * There is no Xrm.Page: scripts get the form context through PrimaryControl, as STYLE.md requires.
 */
import { openAlertDialog, openConfirmDialog } from '../app/dialogs';
import type { DataverseClient } from '../app/dataverse';
import { createWebApi, type ShellWebApi } from './webApi';

export interface ShellNavigator {
  openForm(entity: string, id?: string): void;
  openWebResource(name: string, data?: string): void;
  /** A record changed through the Web API (a ribbon script wrote it): refresh what shows it. */
  recordWritten(entity: string, id: string): void;
}

export function windowFeatures(options?: { width?: number; height?: number }): string | undefined {
  if (!options?.width && !options?.height) return undefined;
  return `popup,width=${options.width ?? 800},height=${options.height ?? 600}`;
}

/**
 * Xrm.Navigation.openUrl and the PCF navigation's: an org-relative web resource URL (what a control
 * links to, e.g. the documentation) opens in the shell's main area; anything else in a new window.
 */
export function openUrlFromShell(
  navigator: ShellNavigator,
  url: string,
  options?: { width?: number; height?: number },
): void {
  const webResource = /^\/WebResources\/(.+)$/.exec(url);
  if (webResource) navigator.openWebResource(decodeURIComponent(webResource[1]));
  else window.open(url, '_blank', windowFeatures(options));
}

export function installXrm(client: DataverseClient, navigator: ShellNavigator): ShellWebApi {
  const webApi = createWebApi(client, (entity, id) => navigator.recordWritten(entity, id));
  const globalContext = {
    getClientUrl: () => client.config.dataverseUrl,
    getVersion: () => '9.2.0.0',
    getCurrentAppUrl: () => window.location.href,
    userSettings: { userName: 'Dana Demo', languageId: 1033, isRTL: false },
    organizationSettings: { languageId: 1033, uniqueName: 'emulator' },
  };
  (window as unknown as { Xrm: unknown }).Xrm = {
    WebApi: webApi,
    Navigation: {
      openUrl: (url: string, options?: { width?: number; height?: number }) =>
        openUrlFromShell(navigator, url, options),
      openAlertDialog,
      openConfirmDialog,
      openErrorDialog: (options: { message?: string }) =>
        openAlertDialog({ title: 'Error', text: options.message ?? '' }),
      openForm: async (options: { entityName: string; entityId?: string }) => {
        navigator.openForm(options.entityName, options.entityId?.replace(/[{}]/g, ''));
        return { savedEntityReference: [] };
      },
      navigateTo: async (page: {
        pageType: string;
        webresourceName?: string;
        data?: string;
        entityName?: string;
        entityId?: string;
      }) => {
        if (page.pageType === 'webresource' && page.webresourceName)
          navigator.openWebResource(page.webresourceName, page.data);
        else if (page.pageType === 'entityrecord' && page.entityName)
          navigator.openForm(page.entityName, page.entityId);
      },
      openWebResource: (name: string) => navigator.openWebResource(name),
    },
    Utility: {
      getGlobalContext: () => globalContext,
      showProgressIndicator: () => undefined,
      closeProgressIndicator: () => undefined,
    },
    App: {
      addGlobalNotification: async () => 'notification',
      clearGlobalNotification: async () => undefined,
    },
  };
  return webApi;
}
