/**
 * A tiny XML writer: elements, escaped text and pre-serialised fragments, printed with two-space
 * indentation and ` />` for empty elements, the way Dataverse exports look.
 */
export type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;

export interface XmlElement {
  readonly name: string;
  readonly attrs: Attrs;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | { readonly text: string } | { readonly raw: string };

export function el(
  name: string,
  attrs: Attrs = {},
  children: readonly (XmlNode | string | null | undefined | false)[] = [],
): XmlElement {
  const kids = children.filter((c): c is XmlNode | string => c !== null && c !== undefined && c !== false);
  return { name, attrs, children: kids.map((c) => (typeof c === 'string' ? { text: c } : c)) };
}

/** `<name>value</name>` for a simple value. */
export function leaf(name: string, value: string | number | boolean, attrs: Attrs = {}): XmlElement {
  return el(name, attrs, [{ text: String(value) }]);
}

/** An already-serialised XML fragment (e.g. the SiteMap source), inserted as is. */
export const raw = (xml: string): XmlNode => ({ raw: xml });

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attrText(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function write(node: XmlNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  if ('raw' in node) {
    out.push(...node.raw.split('\r\n').map((line) => pad + line));
    return;
  }
  if ('text' in node) {
    out.push(pad + escapeXml(node.text));
    return;
  }
  const open = `${pad}<${node.name}${attrText(node.attrs)}`;
  if (node.children.length === 0) {
    out.push(`${open} />`);
    return;
  }
  const only = node.children[0];
  if (node.children.length === 1 && 'text' in only) {
    out.push(`${open}>${escapeXml(only.text)}</${node.name}>`);
    return;
  }
  out.push(`${open}>`);
  for (const child of node.children) write(child, depth + 1, out);
  out.push(`${pad}</${node.name}>`);
}

/** Serialise with CRLF line ends, as Dataverse writes its XML. */
export function serialize(node: XmlNode): string {
  const out: string[] = [];
  write(node, 0, out);
  return out.join('\r\n');
}

/** Strip the XML declaration and comments from a hand-written source so it can be embedded. */
export function fragmentOf(source: string): string {
  return source
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[^>]*\?>\s*/, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/\r\n/g, '\n')
    .trim()
    .replace(/\n/g, '\r\n');
}
