import type { XmlElement } from '../model/xml';

/**
 * How an import changes a form that already exists (Microsoft Learn, power-platform
 * alm/form-alm.md, "Full and differential form XML"): a managed solution carries a *diff*
 * FormXml whose changes are marked `solutionaction="Added" | "Removed" | "Modified"` and is
 * merged into the form's layers; a *full* FormXml (no solutionaction anywhere) replaces the form.
 * Elements without a mark only say where a change goes; they are matched by id (forControl for a
 * control description, name otherwise), and containers the form lacks are created.
 */
const ACTION = 'solutionaction';

const keyOf = (el: XmlElement): string =>
  `${el.name}|${el.attrs.id ?? el.attrs.forControl ?? el.attrs.name ?? ''}`.toLowerCase();

export function isDiffFormXml(form: XmlElement): boolean {
  return form.attrs[ACTION] !== undefined || form.children.some(isDiffFormXml);
}

/** A copy without any solutionaction mark: what the merged form stores. */
export function withoutActions(el: XmlElement): XmlElement {
  const { [ACTION]: _action, ...attrs } = el.attrs;
  return { name: el.name, attrs, text: el.text, children: el.children.map(withoutActions) };
}

function mergeInto(target: XmlElement, diff: XmlElement): void {
  for (const change of diff.children) {
    const action = change.attrs[ACTION];
    const at = target.children.findIndex((c) => keyOf(c) === keyOf(change));
    if (action === 'Added' || action === 'Modified') {
      // An upgrade brings the same Added element again: it replaces the one the last import added.
      const added = withoutActions(change);
      if (at >= 0) target.children[at] = added;
      else target.children.push(added);
    } else if (action === 'Removed') {
      if (at >= 0) target.children.splice(at, 1);
    } else if (at >= 0) {
      mergeInto(target.children[at], change);
    } else if (isDiffFormXml(change)) {
      const container: XmlElement = { name: change.name, attrs: { ...change.attrs }, children: [], text: '' };
      target.children.push(container);
      mergeInto(container, change);
    }
  }
}

/** The existing `<form>` with the diff applied (the existing tree is not changed). */
export function mergeFormXml(existing: XmlElement, diff: XmlElement): XmlElement {
  const merged = withoutActions(existing);
  mergeInto(merged, diff);
  return merged;
}
