import { escapeXml } from './xml';

/**
 * A placeholder documentation page: docs/*.md rendered with a minimal Markdown subset
 * (headings, paragraphs, lists, code blocks, inline code). A later issue grows the real docs.
 */
function inline(text: string): string {
  return escapeXml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  let list = false;
  let code = false;
  const closeList = () => {
    if (list) out.push('</ul>');
    list = false;
  };
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('```')) {
      closeList();
      out.push(code ? '</pre>' : '<pre>');
      code = !code;
      continue;
    }
    if (code) {
      out.push(escapeXml(line));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading) {
      closeList();
      out.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
    } else if (item) {
      if (!list) out.push('<ul>');
      list = true;
      out.push(`<li>${inline(item[1])}</li>`);
    } else if (line.trim() === '') {
      closeList();
    } else {
      closeList();
      out.push(`<p>${inline(line)}</p>`);
    }
  }
  closeList();
  if (code) out.push('</pre>');
  return out.join('\n');
}

/** One page from the docs, in file-name order; a short notice when there are none yet. */
export function docsPageHtml(docs: readonly { name: string; markdown: string }[]): string {
  const body = docs.length
    ? docs
        .map((d) => `<section id="${escapeXml(d.name)}">\n${markdownToHtml(d.markdown)}\n</section>`)
        .join('\n')
    : '<p>The Stellarise Connector documentation will appear here.</p>';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>Stellarise Connector documentation</title>',
    '<style>body{font-family:"Segoe UI",sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f3f2f1}pre{padding:.5rem;overflow:auto}</style>',
    '</head>',
    '<body>',
    '<h1>Stellarise Connector for Dynamics 365 and Xero</h1>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
