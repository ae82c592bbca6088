#!/usr/bin/env node
// Plays the world for example 2: sends predictions to the epsilon-greedy router and rewards the
// answers of one classifier only, then shows the router shifting its traffic to that classifier.
//
//   node examples/egreedy-router/client.mjs [--url http://127.0.0.1:8000] [--rounds 200] [--best 2]
//
// Each round: POST /api/v1.0/predictions, read the route from meta.routing["eg-router"], then
// POST /api/v1.0/feedback with {request, response, reward} (reward 1 when the route is --best).
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const base = flag('url', 'http://127.0.0.1:8000');
const rounds = Number(flag('rounds', '200'));
const best = Number(flag('best', '2'));
const request = { data: { ndarray: [[1.0, 2.0, 5.0]] } };

async function post(path, body) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

let window = [0, 0, 0];
for (let i = 1; i <= rounds; i++) {
  const response = await post('/api/v1.0/predictions', request);
  const route = response.meta?.routing?.['eg-router'];
  if (route === undefined) {
    throw new Error(
      'no meta.routing in the response: is seldon.io/engine-seldon-enable-routing-injection set?',
    );
  }
  window[route] = (window[route] ?? 0) + 1;
  await post('/api/v1.0/feedback', { request, response, reward: route === best ? 1 : 0 });
  if (i % 50 === 0) {
    const share = window.map(
      (n, b) => `classifier-${b + 1} ${String(Math.round((100 * n) / 50)).padStart(3)}%`,
    );
    console.log(`requests ${String(i - 49).padStart(4)}-${String(i).padEnd(4)} ${share.join('  ')}`);
    window = [0, 0, 0];
  }
}
console.log(
  `rewarded classifier-${best + 1} only; the router now sends it most requests (epsilon keeps exploring).`,
);
