const BOM = '\uFEFF';

/**
 * [Content_Types].xml: one Default per file extension used and an Override for each
 * extension-less part, all application/octet-stream (reference §2.2). It alone carries a BOM
 * and an XML declaration.
 */
export function contentTypesXml(paths: readonly string[]): string {
  const all = ['[Content_Types].xml', ...paths];
  const extensionOf = (p: string) => {
    const base = p.split('/').pop() ?? p;
    const dot = base.lastIndexOf('.');
    return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  };
  const extensions = [...new Set(all.map(extensionOf).filter((e) => e !== ''))];
  const ordered = ['xml', ...extensions.filter((e) => e !== 'xml')];
  const defaults = ordered.map((e) => `<Default Extension="${e}" ContentType="application/octet-stream" />`);
  const overrides = paths
    .filter((p) => extensionOf(p) === '')
    .map((p) => `<Override PartName="/${p}" ContentType="application/octet-stream" />`);
  return `${BOM}<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults.join('')}${overrides.join('')}</Types>`;
}
