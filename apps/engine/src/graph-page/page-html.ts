// The graph page's HTML: a frame the browser scripts fill in. Every URL is relative to `/graph/`,
// so the page also works behind a path prefix (an ingress) and behind `seldon-engine run`'s front door.

/** The page, for predictor `title`. */
export function graphPageHtml(title: string): string {
  const t = escapeHtml(title);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t} · seldon-engine graph</title>
<link rel="stylesheet" href="assets/page.css">
<link rel="icon" type="image/svg+xml" href="assets/favicon.svg">
<script type="module" src="assets/page.js"></script>
</head><body>
<header><h1>${t}</h1><span id="summary" class="muted">loading…</span></header>
<section id="split" hidden><h2>Traffic split</h2><div id="split-bars"></div></section>
<main>
<section id="graph-panel"><h2>Inference graph <span class="muted" id="window"></span></h2>
<svg id="graph" role="img" aria-label="inference graph"></svg></section>
<aside>
<section id="try"><h2>Try it</h2>
<textarea id="try-body" spellcheck="false" aria-label="request JSON"></textarea>
<div class="row"><button id="try-send" type="button">Send</button><span id="try-status" class="muted"></span></div>
<pre id="try-answer" aria-label="answer"></pre></section>
<section id="errors-panel"><h2>Last errors</h2><ol id="errors"><li class="muted">none</li></ol></section>
</aside>
</main>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
