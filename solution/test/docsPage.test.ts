import { docsPageHtml, markdownToHtml } from '../pack/docsPage';

describe('the placeholder documentation page', () => {
  it('renders headings, paragraphs, lists and code', () => {
    expect(markdownToHtml('# Title\n\nSome `code` and **bold**.\n\n- one\n- two\n\n```\n<b>\n```')).toBe(
      '<h1>Title</h1>\n<p>Some <code>code</code> and <strong>bold</strong>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<pre>\n&lt;b&gt;\n</pre>',
    );
  });

  it('escapes HTML in the Markdown source', () => {
    expect(markdownToHtml('a <script> b')).toBe('<p>a &lt;script&gt; b</p>');
  });

  it('says the documentation will appear when there is none yet', () => {
    expect(docsPageHtml([])).toContain('documentation will appear here');
  });

  it('puts each document in a section named after its file', () => {
    expect(docsPageHtml([{ name: 'setup', markdown: '# Setup' }])).toContain(
      '<section id="setup">\n<h1>Setup</h1>\n</section>',
    );
  });
});
