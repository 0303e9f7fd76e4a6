/**
 * `npm start`: until the sandbox exists, build the solution package and print what it contains.
 */
import { solutionModel } from '../solution/model';
import { build, printSummary, relativeToRepo } from './build';

build().then(
  (built) => {
    printSummary(solutionModel, [
      relativeToRepo(built.unmanagedZip),
      relativeToRepo(built.managedZip),
      `${relativeToRepo(built.unpackedDir)}/`,
    ]);
    console.log(
      'The local sandbox is not part of this version yet; import the managed zip into an environment to try it.',
    );
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
