/** XML parsing for tests that run in the jsdom environment (DOMParser comes from jsdom). */
export function parseXml(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml.replace(/^\uFEFF/, ''), 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`XML does not parse: ${error.textContent}`);
  return doc;
}

export const all = (root: Document | Element, tag: string): Element[] =>
  Array.from(root.getElementsByTagName(tag));
export const textOf = (root: Element, tag: string): string =>
  root.getElementsByTagName(tag)[0]?.textContent ?? '';
/** Direct children with a tag name (getElementsByTagName would also match deeper ones). */
export const childrenOf = (root: Element, tag: string): Element[] =>
  Array.from(root.children).filter((c) => c.tagName === tag);
