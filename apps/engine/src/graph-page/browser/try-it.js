// The try-it panel: sends the editor's JSON to the prediction path over REST, shows the answer,
// and marks the nodes and edges of its meta.requestPath and meta.routing on the drawing.
import { prettyJson } from './format.js';

/** Wires the panel; `model` is /graph/model, `drawing` what drawGraph returned. */
export function startTryIt(model, drawing) {
  const body = document.getElementById('try-body');
  const send = document.getElementById('try-send');
  const status = document.getElementById('try-status');
  const answer = document.getElementById('try-answer');
  body.value = pretty(model.exampleRequest);
  send.addEventListener('click', async () => {
    let text = body.value;
    try {
      text = JSON.stringify(JSON.parse(text));
    } catch (err) {
      status.textContent = `not JSON: ${err.message}`;
      return;
    }
    status.textContent = 'sending…';
    const started = performance.now();
    try {
      // The page lives at <base>/graph/: the API is one level up, whatever prefix is in front.
      const res = await fetch(`..${model.predictionPath}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: text,
      });
      const raw = await res.text();
      const predictor = res.headers.get('seldon-predictor');
      status.textContent = `HTTP ${res.status} in ${(performance.now() - started).toFixed(0)} ms${predictor ? ` from predictor ${predictor}` : ''}`;
      let json;
      try {
        json = JSON.parse(raw);
        answer.textContent = prettyJson(json);
      } catch {
        answer.textContent = raw;
      }
      highlight(drawing, predictor === null || predictor === model.predictor ? json?.meta : undefined);
    } catch (err) {
      status.textContent = `failed: ${err.message}`;
    }
  });
}

/** Marks the nodes the answer went through and the branches routers took; clears the previous marks. */
export function highlight(drawing, meta) {
  const routing = meta?.routing ?? {};
  const onPath = new Set([...Object.keys(meta?.requestPath ?? {}), ...Object.keys(routing)]);
  for (const [name, view] of drawing.nodes) view.g.classList.toggle('on-path', onPath.has(name));
  for (const [key, edge] of drawing.edges) {
    const child = key.slice(edge.parent.length + 1);
    const route = routing[edge.parent];
    const taken =
      onPath.has(edge.parent) &&
      onPath.has(child) &&
      (route === undefined || route < 0 || route === edge.branch);
    edge.path.classList.toggle('on-path', taken);
  }
}

function pretty(text) {
  try {
    return prettyJson(JSON.parse(text));
  } catch {
    return text;
  }
}
