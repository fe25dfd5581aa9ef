const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every piece of text that reaches the page goes through this. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** Escaped text with Markdown's inline code (`x`, as the OpenAPI descriptions use it) as `<code>`. */
export function prose(text: string): Html {
  return new Html(escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>'));
}

/** Markup built by the views; `markup` tags a template so interpolated values are escaped unless already Html. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = string | number | Html | null | undefined | Part[];

function render(part: Part): string {
  if (part === null || part === undefined) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function markup(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < parts.length; i++) out += render(parts[i]) + strings[i + 1];
  return new Html(out);
}

/** ASP.NET Help Page's HelpPage.css, trimmed to what these pages use. */
const CSS = `
body { margin: 0; background: #fff; }
#body.help-page { font-size: 14px; line-height: 143%; color: #333; padding: 0 24px 24px; }
.help-page h1, .help-page h2, .help-page h3, .help-page h4, #body.help-page, .help-page-table th,
.help-page-table pre, .help-page-table p { font-family: "Segoe UI Light", Frutiger, "Frutiger Linotype",
  "Dejavu Sans", "Helvetica Neue", Arial, sans-serif; }
.help-page header { background: #7ac0da; padding: 12px 24px; }
.help-page header h1 { margin: 0; color: #fff; font-weight: normal; }
.help-page .featured { background: #f3f3f3; margin: 0 -24px 16px; padding: 8px 24px; }
.help-page h1 { font-size: 36px; line-height: normal; }
.help-page h2 { font-size: 24px; }
.help-page h3 { font-size: 20px; }
.help-page a { color: #0000ee; text-decoration: none; }
.help-page a:hover { text-decoration: underline; }
.help-page pre.wrapped { white-space: pre-wrap; word-break: break-all; margin: 0; }
.help-page-table { width: 100%; border-collapse: collapse; text-align: left; margin: 0 0 20px;
  border-top: 1px solid #d4d4d4; }
.help-page-table th { text-align: left; font-weight: bold; border-bottom: 1px solid #d4d4d4; padding: 5px 6px; }
.help-page-table td { border-bottom: 1px solid #d4d4d4; padding: 10px 8px; vertical-align: top; }
.help-page-table pre, .help-page-table p { margin: 0; padding: 0; font-family: inherit; font-size: 100%; }
.help-page code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 90%; background: #f3f3f3;
  padding: 0 3px; }
.help-page-table tbody tr:hover td { background-color: #f3f3f3; }
.help-page .sample-header { border: 2px solid #d4d4d4; background: #00497e; color: #fff; padding: 8px 15px;
  border-bottom: none; display: inline-block; margin: 10px 0 0; font-size: 14px; font-weight: normal; }
.help-page .sample-content { display: block; padding: 15px 20px; background: #fff; border: 2px solid #d4d4d4;
  margin: 0 0 10px; }
.help-page .api-name { width: 40%; }
.help-page .api-documentation { width: 60%; }
.help-page .parameter-name { width: 20%; }
.help-page .parameter-documentation { width: 40%; }
.help-page .parameter-type { width: 20%; }
.help-page .parameter-annotations { width: 20%; }
`;

/** The page shell: title, the Help Page header, a body. */
export function layout(title: string, body: Html): string {
  return markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>${title}</title>
<style>${new Html(CSS)}</style>
</head>
<body class="help-page">
<header><h1>session-gateway Web API Help Page</h1></header>
<div id="body" class="help-page">
${body}
</div>
</body>
</html>
`.value;
}
