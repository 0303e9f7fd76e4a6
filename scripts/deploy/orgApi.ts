/**
 * The org calls the deploy makes, through dynamics-web-api: who the caller is (the org URL is a
 * Dataverse environment), the installed solution, ImportSolutionAsync with the async operation's
 * progress, and PublishAllXml (Learn, "ImportSolutionAsync Action", "PublishAllXml Action").
 */
import { DynamicsWebApi } from 'dynamics-web-api';
import type { TokenProvider } from '../../plugins-proxy/src/adapters/dataverse/tokenProvider';
import { DeployError } from './solutionZip';

export interface InstalledSolution {
  readonly version: string;
  readonly managed: boolean;
}

/** asyncoperation statuscode (Learn, asyncoperation table): 30 Succeeded, 31 Failed, 32 Canceled. */
const FINAL: Record<number, string> = { 30: 'Succeeded', 31: 'Failed', 32: 'Canceled' };

export class OrgApi {
  private readonly api: DynamicsWebApi;

  constructor(
    private readonly orgUrl: string,
    tokenProvider: TokenProvider,
    private readonly sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.api = new DynamicsWebApi({
      serverUrl: orgUrl,
      dataApi: { version: '9.2' },
      onTokenRefresh: () => tokenProvider.getToken(),
      propagateErrors: true,
    });
  }

  /** WhoAmI answers only on a Dataverse environment: anything else is the wrong org URL. */
  async checkOrg(): Promise<void> {
    try {
      await this.api.callFunction('WhoAmI');
    } catch (error) {
      const status = (error as { status?: number }).status;
      const why = status ? `WhoAmI answered HTTP ${status}` : (error as Error).message;
      throw new DeployError(`${this.orgUrl} is not a Dataverse environment this app can reach (${why}).`);
    }
  }

  async installed(uniqueName: string): Promise<InstalledSolution | undefined> {
    const found = await this.api.retrieveMultiple<{ version: string; ismanaged: boolean }>({
      collection: 'solutions',
      select: ['version', 'ismanaged'],
      filter: `uniquename eq '${uniqueName.replace(/'/g, "''")}'`,
    });
    const row = found.value[0];
    return row ? { version: row.version, managed: row.ismanaged } : undefined;
  }

  /** Starts the import and polls its system job until it ends; its own message when it failed. */
  async importAsync(zip: Buffer, onProgress: (status: string) => void, pollMs = 2000): Promise<void> {
    const started = await this.api.callAction<{ AsyncOperationId: string }>({
      actionName: 'ImportSolutionAsync',
      action: {
        OverwriteUnmanagedCustomizations: false,
        PublishWorkflows: true,
        CustomizationFile: zip.toString('base64'),
      },
    });
    for (;;) {
      const job = await this.api.retrieve<{ statuscode: number; message?: string | null }>({
        collection: 'asyncoperations',
        key: started.AsyncOperationId,
        select: ['statuscode', 'message'],
      });
      const final = FINAL[job.statuscode];
      if (final === 'Succeeded') return onProgress(final);
      if (final) throw new DeployError(`The import ${final.toLowerCase()}: ${job.message ?? 'no message'}`);
      onProgress(job.statuscode === 20 ? 'In progress' : 'Waiting');
      await this.sleep(pollMs);
    }
  }

  async publishAll(): Promise<void> {
    await this.api.callAction({ actionName: 'PublishAllXml' });
  }
}
