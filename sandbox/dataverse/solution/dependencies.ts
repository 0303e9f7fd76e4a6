import type { EmulatorContext } from '../context';
import { errors } from '../errors';
import { childOf, childrenOf, type XmlElement } from '../model/xml';

/**
 * solution.xml's MissingDependencies: the components a solution needs and does not bring
 * (reference/dataverse-solution.md §2.3). An org that lacks a required table refuses the import
 * before changing anything, naming each table and the solution it comes with, as Dataverse's
 * import does ("Some dependencies are missing"). Only tables are checked: the emulator does not
 * model Microsoft's web resources or settings, which real exports list too.
 */
const TABLE = '1';

export function assertDependenciesPresent(
  ctx: EmulatorContext,
  manifest: XmlElement | undefined,
  solution: string,
): void {
  const missing = new Map<string, string>();
  for (const dependency of childrenOf(childOf(manifest, 'MissingDependencies'), 'MissingDependency')) {
    const required = childOf(dependency, 'Required');
    if (required?.attrs.type !== TABLE) continue;
    const name = (required.attrs.schemaName ?? '').toLowerCase();
    if (!name || ctx.model.table(name)) continue;
    const from = required.attrs.solution ? ` (from ${required.attrs.solution})` : '';
    missing.set(name, `${required.attrs.displayName ?? name} [${name}]${from}`);
  }
  if (missing.size === 0) return;
  throw errors.badRequest(
    `The solution ${solution} cannot be imported: some dependencies are missing. This environment has no table ${[...missing.values()].join(', ')}. Install the solutions they come with first.`,
  );
}
