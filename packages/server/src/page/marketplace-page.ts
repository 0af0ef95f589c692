import { randomBytes } from 'node:crypto';
import type { Handler } from '../routes/route-context';
import { HttpProblem } from '../http/problem';
import { PAGE_SCRIPT } from './page-script';

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; color: #1d2330; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; }
form { display: grid; gap: .5rem; } textarea { width: 100%; min-height: 14rem; font: 13px/1.4 ui-monospace, monospace; }
.controls, .filters { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
#error { color: #a4161a; white-space: pre-wrap; } li { margin: .35rem 0; } .rank { color: #555; }
.match.needsAction .name { color: #8a5a00; } .score, .price, .counts { color: #555; } .links a { margin: 0 .15rem; }
.constraint.failed, .constraint.notEvidenced { color: #a4161a; } .constraint.met { color: #2b6a3a; } .miss .name { color: #666; }
`;

/** The marketplace page: requirements in, ranked and explained matches out. */
function pageHtml(nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MPLI marketplace</title><link rel="icon" href="data:,"><style nonce="${nonce}">${STYLE}</style></head>
<body>
<h1>MPLI marketplace: find the providers that fit, both ways</h1>
<form id="form">
  <label for="requirements">Your requirements (an MPLI requirements manifest)</label>
  <textarea id="requirements" name="requirements" spellcheck="false" placeholder="@prefix mpli: &lt;https://w3id.org/mpli#&gt; . …"></textarea>
  <div class="controls">
    <label>Format <select id="format"><option value="text/turtle">Turtle</option><option value="application/ld+json">JSON-LD</option><option value="application/n-quads">N-Quads</option></select></label>
    <label>As of <input id="as-of" type="date"></label>
    <label>Matches per need <input id="top" type="number" min="1" max="100" value="5"></label>
    <button id="match" type="submit">Match</button>
  </div>
</form>
<div class="filters"><label>Filter <input id="filter" type="search" placeholder="provider, offering…"></label><label><input id="ready-only" type="checkbox"> ready to order only</label></div>
<p id="error" role="alert"></p>
<div id="results" aria-live="polite"></div>
<script nonce="${nonce}">${PAGE_SCRIPT}</script>
</body></html>`;
}

/**
 * GET /: the marketplace page, when the server was started with `page: true` (`mpli serve
 * --marketplace`). A Content-Security-Policy lets only its own inline script and style run (a
 * fresh nonce each time) and lets it talk only to this server.
 */
export const marketplacePage: Handler = async (_request, response, _url, _params, context) => {
  if (!context.page) throw new HttpProblem(404, 'Not Found', 'This server serves no marketplace page');
  const nonce = randomBytes(16).toString('base64');
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  });
  response.end(pageHtml(nonce));
};
