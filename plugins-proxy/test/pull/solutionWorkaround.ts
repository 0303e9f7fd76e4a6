/**
 * A workaround for a packer bug, until solution/pack is fixed: the built solution declares the
 * custom tables' statecode and statuscode with ValidForUpdateApi 0, where real exports (the
 * Contoso sample in shared/dataverse-samples) have 1. Dataverse, and the emulator that honours the
 * flag, would then silently ignore a PATCH of statecode, so reference rows could never be
 * deactivated. The emulator merges a re-import into the tables it has (a flag once false stays
 * false), so the corrected zip has to be the first one imported: `withUpdatableState` hands it to
 * the harness's import in place of the file's bytes, for the duration of `start`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const REPO = path.join(__dirname, '../../..');
const SOLUTION_ZIP = path.join(REPO, 'dist/StellariseConnector_1_0_0_0_managed.zip');
const STATE_ATTRIBUTE =
  /(<attribute PhysicalName="(?:statecode|statuscode)">[\s\S]*?<ValidForUpdateApi>)0(<\/ValidForUpdateApi>)/g;

function solutionWithUpdatableState(): Buffer {
  const files = unzipSync(new Uint8Array(fs.readFileSync(SOLUTION_ZIP)));
  const xml = strFromU8(files['customizations.xml']);
  files['customizations.xml'] = strToU8(xml.replace(STATE_ATTRIBUTE, '$11$2'));
  return Buffer.from(zipSync(files));
}

export async function withUpdatableState<T>(start: () => Promise<T>): Promise<T> {
  if (!fs.existsSync(SOLUTION_ZIP))
    execFileSync('npx', ['tsx', 'scripts/build.ts'], { cwd: REPO, stdio: 'ignore' });
  const patched = solutionWithUpdatableState();
  const original = fs.readFileSync;
  const spy = jest
    .spyOn(fs, 'readFileSync')
    .mockImplementation(((file: fs.PathOrFileDescriptor, options?: never) =>
      file === SOLUTION_ZIP ? patched : original(file, options)) as typeof fs.readFileSync);
  try {
    return await start();
  } finally {
    spy.mockRestore();
  }
}
