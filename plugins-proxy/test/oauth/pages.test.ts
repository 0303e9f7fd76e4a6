import { escapeHtml, renderChooserPage, renderErrorPage, renderSuccessPage } from '../../src/oauth/pages';

const HOSTILE = `<img src=x onerror="alert('x')">`;

describe('OAuth pages', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it.each([
    ['chooser', renderChooserPage([{ tenantId: HOSTILE, tenantName: HOSTILE }], HOSTILE)],
    ['success', renderSuccessPage(HOSTILE)],
    ['error', renderErrorPage(HOSTILE, HOSTILE)],
  ])('renders the %s page with hostile values inert and no script', (_page, html) => {
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
  });

  it('posts the chooser to /oauth/choose with the ticket and one radio per organisation', () => {
    const html = renderChooserPage(
      [
        { tenantId: 't1', tenantName: 'One' },
        { tenantId: 't2', tenantName: 'Two' },
      ],
      'ticket-1',
    );
    expect(html).toContain('<form method="post" action="/oauth/choose">');
    expect(html).toContain('<input type="hidden" name="ticket" value="ticket-1">');
    expect(html.match(/type="radio" name="tenantId"/g)).toHaveLength(2);
  });
});
