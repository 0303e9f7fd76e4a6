/**
 * The few pages a browser sees during connect: organisation chooser, success and error. Every dynamic
 * value is HTML-escaped, and there is no script: `PAGE_SECURITY_HEADERS` forbids any.
 */
import type { OrganisationChoice } from './flowTypes';

export const PAGE_SECURITY_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Stellarise Connector</title>
<style>
body { font-family: "Segoe UI", system-ui, sans-serif; margin: 3rem auto; max-width: 36rem; color: #242424; padding: 0 1rem; }
h1 { font-size: 1.4rem; font-weight: 600; }
fieldset { border: 1px solid #d1d1d1; border-radius: 4px; padding: 1rem; }
label { display: block; padding: 0.4rem 0; }
button { margin-top: 1rem; background: #0f6cbd; color: #fff; border: 0; border-radius: 4px; padding: 0.5rem 1.25rem; font-size: 1rem; }
.error { border-left: 4px solid #c50f1f; padding-left: 1rem; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function renderChooserPage(
  choices: readonly OrganisationChoice[],
  ticket: string,
  notice?: string,
): string {
  const options = choices
    .map(
      (choice, index) =>
        `<label><input type="radio" name="tenantId" value="${escapeHtml(choice.tenantId)}"${index === 0 ? ' checked' : ''}> ${escapeHtml(choice.tenantName)}</label>`,
    )
    .join('\n');
  return layout(
    'Choose a Xero organisation',
    `<h1>Choose the Xero organisation for this connection</h1>
${notice ? `<p class="error">${escapeHtml(notice)}</p>\n` : ''}<form method="post" action="/oauth/choose">
<input type="hidden" name="ticket" value="${escapeHtml(ticket)}">
<fieldset>
<legend>You authorised several organisations. One Stellarise connection talks to one of them.</legend>
${options}
</fieldset>
<button type="submit">Use this organisation</button>
</form>`,
  );
}

export function renderSuccessPage(tenantName: string): string {
  return layout(
    'Connected to Xero',
    `<h1>Connected to ${escapeHtml(tenantName)}</h1>
<p>The connection is ready. You can close this tab and return to Dynamics 365; refresh the connection form to see its status.</p>`,
  );
}

export function renderErrorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p class="error">${escapeHtml(message)}</p>`);
}
