// The consent page: lists the organisations with checkboxes and an "Allow access" button, the way
// Xero's login.xero.com page lets a user pick the organisations an app may reach.

export interface ConsentPageInput {
  appName: string;
  scope: string;
  hidden: Record<string, string>;
  organisations: { tenantId: string; name: string }[];
  error?: string;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export function consentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('\n      ');
  const organisations = input.organisations
    .map(
      (org, i) =>
        `<li><label><input type="checkbox" name="tenant" value="${escape(org.tenantId)}"${i === 0 ? ' checked' : ''}> ${escape(org.name)}</label></li>`,
    )
    .join('\n        ');
  const scopes = input.scope
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => `<li><code>${escape(s)}</code></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Xero emulator: allow access</title>
  <style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}button{padding:.5rem 1rem}</style></head>
  <body>
    <h1>${escape(input.appName)} wants access to your Xero organisations</h1>
    ${input.error ? `<p role="alert">${escape(input.error)}</p>` : ''}
    <form method="post" action="/identity/connect/authorize">
      ${hidden}
      <fieldset><legend>Organisations</legend>
      <ul>
        ${organisations}
      </ul></fieldset>
      <p>Permissions requested:</p><ul>${scopes}</ul>
      <button type="submit" name="decision" value="allow">Allow access</button>
      <button type="submit" name="decision" value="deny">Cancel</button>
    </form>
  </body>
</html>`;
}
