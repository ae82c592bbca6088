// The graph page: loads the graph (`model`), draws it, then keeps its figures live and wires the
// try-it panel. Behind `seldon-engine run`'s front door, `?predictor=NAME` picks the predictor.
import { drawGraph } from './draw.js';
import { startLive } from './live.js';
import { startTryIt } from './try-it.js';
import { startSplit } from './split.js';

async function main() {
  const predictor = new URLSearchParams(location.search).get('predictor');
  const query = predictor ? `?predictor=${encodeURIComponent(predictor)}` : '';
  const res = await fetch(`model${query}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`the graph is not available (HTTP ${res.status})`);
  const model = await res.json();
  document.title = `${model.deployment} / ${model.predictor} · seldon-engine graph`;
  document.querySelector('h1').textContent = `${model.deployment} / ${model.predictor}`;
  const drawing = drawGraph(document.getElementById('graph'), model);
  startLive(drawing, query);
  startTryIt(model, drawing);
  await startSplit(query);
}

main().catch((err) => {
  document.getElementById('summary').textContent = String(err.message ?? err);
});
