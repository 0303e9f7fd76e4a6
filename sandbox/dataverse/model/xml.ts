/**
 * A small, forgiving XML reader for solution files: elements, attributes, text, CDATA and
 * comments. Solution XML is machine-written and regular, so a full parser is not needed, and the
 * repository keeps its dependency list short.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (lt < 0) break;
    if (lt > i) top.text += decodeXmlText(source.slice(i, lt));
    if (source.startsWith('<!--', lt)) {
      i = source.indexOf('-->', lt) + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt);
      top.text += source.slice(lt + 9, end);
      i = end + 3;
    } else if (source.startsWith('<?', lt) || source.startsWith('<!', lt)) {
      i = source.indexOf('>', lt) + 1;
    } else if (source.startsWith('</', lt)) {
      stack.pop();
      i = source.indexOf('>', lt) + 1;
    } else {
      const end = findTagEnd(source, lt);
      const inner = source.slice(lt + 1, end);
      const selfClosing = inner.endsWith('/');
      const body = selfClosing ? inner.slice(0, -1) : inner;
      const nameMatch = /^[^\s/>]+/.exec(body);
      const element: XmlElement = { name: nameMatch ? nameMatch[0] : '', attrs: {}, children: [], text: '' };
      const attrRe = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
      let m: RegExpExecArray | null;
      while ((m = attrRe.exec(body.slice(element.name.length)))) {
        element.attrs[m[1]] = decodeXmlText(m[3] ?? m[4] ?? '');
      }
      top.children.push(element);
      if (!selfClosing) stack.push(element);
      i = end + 1;
    }
    if (i <= 0) break;
  }
  return root.children[0] ?? root;
}

function findTagEnd(source: string, from: number): number {
  let quote = '';
  for (let i = from + 1; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return source.length;
}

/** Children named `name`, case-insensitively (exports differ in case across versions). */
export function childrenOf(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return [];
  const lower = name.toLowerCase();
  return el.children.filter((c) => c.name.toLowerCase() === lower);
}

export function childOf(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = el;
  for (const name of path) current = childrenOf(current, name)[0];
  return current;
}

export function textOf(el: XmlElement | undefined, ...path: string[]): string | undefined {
  const found = childOf(el, ...path);
  return found ? found.text.trim() : undefined;
}

/** The element's subtree written back as XML (forms, views and SiteMaps are served as XML). */
export function serializeXml(el: XmlElement): string {
  const attrs = Object.entries(el.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const inner = el.children.map(serializeXml).join('') + escapeXml(el.text.trim());
  return inner ? `<${el.name}${attrs}>${inner}</${el.name}>` : `<${el.name}${attrs} />`;
}
