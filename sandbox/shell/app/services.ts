/** What every page of the shell shares: the Web API client, the app, Xrm.WebApi and the navigator. */
import type { ShellNavigator } from '../xrm';
import type { ShellWebApi } from '../xrm/webApi';
import type { AppScope } from './appModule';
import type { DataverseClient } from './dataverse';

export interface ShellServices {
  client: DataverseClient;
  /** The app shown: its name, SiteMap, and the forms and views it lists. */
  app: AppScope;
  webApi: ShellWebApi;
  navigator: ShellNavigator;
  /** Pages register what to refresh when a script writes a row of a table. */
  onRecordWritten(listener: (entity: string, id: string) => void): void;
}
