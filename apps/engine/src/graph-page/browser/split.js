// The traffic split of a deployment with several predictors, shown when the page is served by
// `seldon-engine run`'s front door (it answers `split`; a lone engine answers 204 and the panel
// stays hidden): each predictor's share of the last minute against its configured weight, and a
// tab per predictor to see its graph.
import { html, pct } from './format.js';

const COLOURS = ['#2f6fdb', '#d9822b', '#16a085', '#8e44ad', '#c0392b', '#7f8c8d'];

/** Starts polling `split` every `periodMs` if the front door answers it. */
export async function startSplit(query, periodMs = 1000) {
  const first = await load(query);
  if (first === undefined) return;
  const section = document.getElementById('split');
  section.hidden = false;
  const tabs = html('div', 'tabs');
  for (const p of first.predictors) {
    const a = html('a', p.name === first.current ? 'current' : '', p.name);
    a.href = `?predictor=${encodeURIComponent(p.name)}`;
    tabs.append(a);
  }
  section.append(tabs);
  const tick = async () => {
    if (!document.hidden) {
      const split = await load(query);
      if (split !== undefined) show(split);
    }
    setTimeout(tick, periodMs);
  };
  show(first);
  setTimeout(tick, periodMs);
}

async function load(query) {
  try {
    const res = await fetch(`split${query}`, { cache: 'no-store' });
    return res.status === 200 ? await res.json() : undefined;
  } catch {
    return undefined;
  }
}

function show(split) {
  const live = split.predictors.filter((p) => !p.shadow);
  const total = live.reduce((a, p) => a + p.requests, 0);
  const bar = html('div', 'bar');
  live.forEach((p, i) => {
    const share = total === 0 ? p.traffic / 100 : p.requests / total;
    const seg = html('span', '', `${p.name} ${pct(share)}`);
    seg.style.flexGrow = String(Math.max(share, 0.001));
    seg.style.background = COLOURS[i % COLOURS.length];
    bar.append(seg);
  });
  const legend = html(
    'div',
    'legend',
    `last ${split.windowSeconds} s: ${total} requests. Configured: ${live.map((p) => `${p.name} ${p.traffic}%`).join(', ')}` +
      split.predictors
        .filter((p) => p.shadow)
        .map((p) => `; shadow ${p.name} mirrored ${p.requests}`)
        .join(''),
  );
  document.getElementById('split-bars').replaceChildren(bar, legend);
}
