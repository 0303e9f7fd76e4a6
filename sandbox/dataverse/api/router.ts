import type { EmulatorContext } from '../context';
import { errors } from '../errors';
import type { TableDef } from '../model/types';
import { type KeySpec, parseKey } from '../data/refs';
import type { SolutionAction } from './solutionActions';

/** What a path below /api/data/v9.2/ addresses. */
export type Route =
  | { kind: 'serviceDocument' }
  | { kind: 'metadata' }
  | { kind: 'batch' }
  | { kind: 'whoAmI' }
  | { kind: 'publishXml' }
  | { kind: 'solutionAction'; action: SolutionAction }
  | {
      kind: 'entityDefinitions' | 'relationshipDefinitions' | 'globalOptionSetDefinitions';
      key?: string;
      segment?: string;
    }
  | { kind: 'collection'; table: TableDef; count: boolean }
  | { kind: 'entity'; table: TableDef; key: KeySpec; keyText: string; segment?: string; rawValue?: boolean };

export function route(ctx: EmulatorContext, rawPath: string): Route {
  const path = decodeURIComponent(rawPath).replace(/^\/+|\/+$/g, '');
  if (path === '') return { kind: 'serviceDocument' };
  if (path === '$metadata') return { kind: 'metadata' };
  if (path === '$batch') return { kind: 'batch' };
  if (path === 'WhoAmI' || path === 'WhoAmI()') return { kind: 'whoAmI' };
  if (path === 'PublishXml') return { kind: 'publishXml' };
  if (path === 'ImportSolution' || path === 'ImportSolutionAsync' || path === 'PublishAllXml')
    return { kind: 'solutionAction', action: path };
  const m = /^([A-Za-z0-9_]+)(?:\((.*?)\))?(?:\/(.*))?$/.exec(path);
  if (!m) throw errors.resourceNotFound(path);
  const [, set, keyText, rest] = m;
  if (set === 'EntityDefinitions') return { kind: 'entityDefinitions', key: keyText, segment: rest };
  if (set === 'RelationshipDefinitions')
    return { kind: 'relationshipDefinitions', key: keyText, segment: rest };
  if (set === 'GlobalOptionSetDefinitions')
    return { kind: 'globalOptionSetDefinitions', key: keyText, segment: rest };
  const table = ctx.model.tableBySet(set);
  if (!table) throw errors.resourceNotFound(set);
  if (keyText === undefined) {
    if (rest === '$count') return { kind: 'collection', table, count: true };
    if (rest) throw errors.resourceNotFound(rest);
    return { kind: 'collection', table, count: false };
  }
  const segments = (rest ?? '').split('/').filter(Boolean);
  const rawValue = segments[1] === '$value';
  return { kind: 'entity', table, key: parseKey(keyText), keyText, segment: segments[0], rawValue };
}
