// The live figures: polls `stats` once a second (not while the tab is hidden) and writes the
// numbers into the drawing, the router shares onto the edges and the last errors into their list.
import { html, ms, num, pct } from './format.js';
import { kindLine } from './draw.js';

/** Polls every `periodMs` until the page goes away. `query` is appended to the request (`?predictor=`). */
export function startLive(drawing, query, periodMs = 1000) {
  let timer;
  const tick = async () => {
    timer = undefined;
    if (document.hidden) return;
    try {
      const res = await fetch(`stats${query}`, { cache: 'no-store' });
      if (res.ok) show(drawing, await res.json());
      else setSummary(`figures unavailable (HTTP ${res.status})`);
    } catch (err) {
      setSummary(`engine unreachable: ${err.message}`);
    }
    timer = setTimeout(tick, periodMs);
  };
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && timer === undefined) void tick();
  });
  void tick();
}

function show(drawing, stats) {
  const r = stats.requests;
  setSummary(
    `${r.calls} predictions in the last ${stats.coveredSeconds} s (${num(r.ratePerSecond)}/s), ${r.errors} failed`,
  );
  document.getElementById('window').textContent = `· figures of the last ${stats.windowSeconds} s`;
  for (const [name, view] of drawing.nodes) {
    const f = stats.nodes[name];
    if (f === undefined) continue;
    view.figs.textContent = `${num(f.ratePerSecond)} req/s · p50 ${ms(f.p50Ms)} · p99 ${ms(f.p99Ms)}`;
    view.figs2.textContent = `${f.calls} calls · errors ${pct(f.errorRate)}`;
    // The transport the calls really took (in-process components of `seldon-engine run`).
    if (f.transport) view.kind.textContent = kindLine(view.node, f.transport);
    view.figs2.classList.toggle('bad', f.errors > 0);
    view.g.classList.toggle('failing', f.errorRate > 0.5);
  }
  for (const edge of drawing.edges.values()) {
    const router = stats.routers[edge.parent];
    const node = drawing.nodes.get(edge.parent)?.node;
    if (router === undefined || node?.role !== 'router') continue;
    const total = router.branches.reduce((a, b) => a + b, 0);
    edge.label.textContent = total === 0 ? '' : pct(router.branches[edge.branch] / total);
    edge.path.style.strokeWidth = String(total === 0 ? 2 : 2 + 6 * (router.branches[edge.branch] / total));
  }
  showErrors(stats.errors);
}

function showErrors(errors) {
  const list = document.getElementById('errors');
  if (errors.length === 0) {
    list.replaceChildren(html('li', 'muted', 'none'));
    return;
  }
  list.replaceChildren(
    ...errors.map((e) => {
      const li = html('li');
      li.append(
        html('span', 'muted', `${new Date(e.time).toLocaleTimeString()} `),
        html('span', 'node-name', e.node ?? '(request)'),
        document.createTextNode(` ${e.code}: ${e.message}`),
      );
      return li;
    }),
  );
}

function setSummary(text) {
  document.getElementById('summary').textContent = text;
}
