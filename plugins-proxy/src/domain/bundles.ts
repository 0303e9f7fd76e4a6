/**
 * Bundles: a producttypecode 2 line and its components (parentbundleidref), sent by stl_bundlemode; a
 * mode that would change what Dynamics charges sends header and components, with a warning.
 */
import { CHOICES, COLUMNS, PRODUCT_TYPE_CODES, SYSTEM_COLUMNS } from '../../../solution/names';
import { FIELD, lineLabel, type MappingContext } from './context';
import { finding, type Finding } from './findings';
import { dynamicsNet, lineProduct } from './lines';
import { lookupKey } from './lookupKey';
import { type SnapshotLine } from './snapshot';

const D = SYSTEM_COLUMNS.invoiceDetail;
const MODES = CHOICES.bundleMode.values;

export interface PlannedLine {
  line: SnapshotLine;
  position: number;
}

function order(lines: readonly SnapshotLine[]): PlannedLine[] {
  return lines
    .map((line, index) => ({ line, index }))
    .sort(
      (a, b) =>
        (a.line[D.lineItemNumber] ?? Infinity) - (b.line[D.lineItemNumber] ?? Infinity) ||
        (a.line[D.sequenceNumber] ?? Infinity) - (b.line[D.sequenceNumber] ?? Infinity) ||
        a.index - b.index,
    )
    .map(({ line }, i) => ({ line, position: i + 1 }));
}

export function planLines(ctx: MappingContext): { lines: PlannedLine[]; findings: Finding[] } {
  const ordered = order(ctx.snapshot.invoice[SYSTEM_COLUMNS.invoice.details]);
  const children = new Map<string, PlannedLine[]>();
  const headerIds = new Set<string>();
  for (const p of ordered) {
    if (p.line[D.productTypeCode] === PRODUCT_TYPE_CODES.bundle) headerIds.add(p.line[D.id].toLowerCase());
  }
  for (const p of ordered) {
    const parent = p.line[lookupKey(D.parentBundleIdRef)]?.toLowerCase();
    if (parent && headerIds.has(parent)) children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  const mode = ctx.snapshot.connection[COLUMNS.connection.bundleMode] ?? MODES.headerAndComponents;
  const skip = new Set<SnapshotLine>();
  const findings: Finding[] = [];
  for (const p of ordered) {
    const components = children.get(p.line[D.id].toLowerCase());
    if (!components || mode === MODES.headerAndComponents) continue;
    const label = lineLabel(p.line, p.position, lineProduct(ctx, p.line));
    if (mode === MODES.headerOnly) {
      if (components.every((c) => dynamicsNet(c.line) === 0)) components.forEach((c) => skip.add(c.line));
      else findings.push(fallback(label, 'header only', 'bundle'));
    } else if (mode === MODES.componentsOnly) {
      if (dynamicsNet(p.line) === 0) skip.add(p.line);
      else findings.push(fallback(label, 'components only', 'component'));
    }
  }
  return { lines: ordered.filter((p) => !skip.has(p.line)), findings };
}

function fallback(label: string, mode: string, where: string): Finding {
  return finding('BUNDLE_MODE_FALLBACK', FIELD.connection(COLUMNS.connection.bundleMode), {
    line: label,
    mode,
    where,
  });
}
