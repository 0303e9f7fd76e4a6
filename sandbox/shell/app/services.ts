/** What every page of the shell shares: the Web API client, Xrm.WebApi and the navigator. */
import type { ShellNavigator } from '../xrm';
import type { ShellWebApi } from '../xrm/webApi';
import type { DataverseClient } from './dataverse';

export interface ShellServices {
  client: DataverseClient;
  webApi: ShellWebApi;
  navigator: ShellNavigator;
  /** Pages register what to refresh when a script writes a row of a table. */
  onRecordWritten(listener: (entity: string, id: string) => void): void;
}
