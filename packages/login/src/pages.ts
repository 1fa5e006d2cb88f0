// The pages the local callback server shows in the browser: success, and failure with the
// reason (HTML-escaped: error text comes from the issuer and the URL).

/** Escapes text for HTML element and attribute content. */
export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const shell = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${htmlEscape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}</style></head>
<body>${body}</body></html>
`;

/** Shown after a successful sign-in. */
export function successPage(): string {
  return shell(
    'Signed in to Codex',
    `<h1>You are signed in to Codex</h1>
<p>Your credentials were saved on this computer. You can close this tab and return to the terminal.</p>`,
  );
}

/** Shown when sign-in fails. */
export function errorPage(message: string, code: string): string {
  return shell(
    'Codex sign-in failed',
    `<h1>Sign-in could not be completed</h1>
<p>${htmlEscape(message)}</p>
<p>Error code: <code>${htmlEscape(code)}</code></p>
<p>Return to the terminal and run <code>codex login</code> to try again.</p>`,
  );
}
