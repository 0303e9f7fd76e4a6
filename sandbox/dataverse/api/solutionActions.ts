import { randomUUID } from 'node:crypto';
import { serviceRoot, type EmulatorContext } from '../context';
import { DataverseError, errors } from '../errors';
import { upsertComponent } from '../solution/importComponents';
import { importSolutionZip } from '../solutionImport';
import { type ApiRequest, type ApiResponse, emptyResponse, jsonResponse } from './types';

/**
 * Solution import over the Web API (Learn, "ImportSolution Action", "ImportSolutionAsync Action",
 * "ImportSolutionAsyncResponse ComplexType", "PublishAllXml Action"): `CustomizationFile` is the
 * zip in base64 and goes through the emulator's one import entry point. The async form answers
 * AsyncOperationId and ImportJobKey at once and runs the import as a system job (asyncoperation:
 * In Progress, then Succeeded 30 or Failed 31 with the import's message).
 */
export type SolutionAction = 'ImportSolution' | 'ImportSolutionAsync' | 'PublishAllXml';

const ASYNC = { inProgress: [2, 20], succeeded: [3, 30], failed: [3, 31] } as const;
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function customizationFile(req: ApiRequest): Buffer {
  let body: {
    CustomizationFile?: unknown;
    OverwriteUnmanagedCustomizations?: unknown;
    PublishWorkflows?: unknown;
  };
  try {
    body = JSON.parse(req.body || '{}') as typeof body;
  } catch {
    throw errors.badRequest('The request body is not valid JSON.');
  }
  for (const required of ['OverwriteUnmanagedCustomizations', 'PublishWorkflows'] as const)
    if (typeof body[required] !== 'boolean')
      throw errors.badRequest(`The parameter ${required} is required (Edm.Boolean).`);
  if (typeof body.CustomizationFile !== 'string' || body.CustomizationFile === '')
    throw errors.badRequest('The parameter CustomizationFile is required: the solution zip in base64.');
  return Buffer.from(body.CustomizationFile, 'base64');
}

export function solutionAction(ctx: EmulatorContext, action: SolutionAction, req: ApiRequest): ApiResponse {
  // The emulator applies customizations as they are imported, so publishing has nothing left to do.
  if (action === 'PublishAllXml') return emptyResponse(204);
  const zip = customizationFile(req);
  if (action === 'ImportSolution') {
    importSolutionZip(ctx, zip);
    return emptyResponse(204);
  }
  const asyncOperationId = randomUUID();
  const [statecode, statuscode] = ASYNC.inProgress;
  upsertComponent(ctx, 'asyncoperation', asyncOperationId, {
    name: 'Import Solution',
    statecode,
    statuscode,
    startedon: now(),
  });
  // After the reply, as a system job does: the caller polls asyncoperations(<id>).
  setImmediate(() => runImport(ctx, asyncOperationId, zip));
  return jsonResponse(200, {
    '@odata.context': `${serviceRoot(ctx)}/$metadata#Microsoft.Dynamics.CRM.ImportSolutionAsyncResponse`,
    AsyncOperationId: asyncOperationId,
    ImportJobKey: randomUUID(),
  });
}

function runImport(ctx: EmulatorContext, id: string, zip: Buffer): void {
  let outcome: { state: readonly [number, number]; message: string | null };
  try {
    const imported = importSolutionZip(ctx, zip);
    outcome = { state: ASYNC.succeeded, message: `Imported ${imported.uniqueName} ${imported.version}.` };
  } catch (e) {
    const message = e instanceof DataverseError ? e.message : 'The solution could not be imported.';
    outcome = { state: ASYNC.failed, message };
  }
  upsertComponent(ctx, 'asyncoperation', id, {
    statecode: outcome.state[0],
    statuscode: outcome.state[1],
    message: outcome.message,
    friendlymessage: outcome.message,
    completedon: now(),
  });
}
