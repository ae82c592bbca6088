// Payload codec benchmark: encode + decode of a small ndarray message and of a 1 MB tensor
// (131,072 doubles) as tensor JSON, ndarray JSON and protobuf, each compared with
// JSON.parse + JSON.stringify of the same message's JSON text, measured in the same run.
// Usage: (cd /work/main && npx tsc -b packages/payload/tsconfig.lib.json) && node benchmarks/payload.bench.mjs [--quick]
import { decodeMessage, encodeMessage, messageFromProto, messageToProto, dataToNd } from '@seldon-ts/payload';

const quick = process.argv.includes('--quick');
const budgetMs = quick ? 300 : 1500;

/** Ops per batch so that one batch takes about `ms`. */
function calibrate(fn, ms) {
  let n = 1;
  for (;;) {
    const s = performance.now();
    for (let i = 0; i < n; i++) fn();
    const t = performance.now() - s;
    if (t >= ms || n >= 1 << 20) return Math.max(1, Math.round((n * ms) / Math.max(t, 0.001)));
    n *= 2;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Interleaves batches of the baseline and the candidate so that both see the same machine
 * load; returns median ms/op of each and the median of the per-round time ratios.
 */
function compare(baseline, candidate) {
  const nb = calibrate(baseline, 20);
  const nc = calibrate(candidate, 20);
  const tb = [];
  const tc = [];
  const ratios = [];
  const end = performance.now() + budgetMs;
  while (performance.now() < end || ratios.length < 7) {
    let s = performance.now();
    for (let i = 0; i < nb; i++) baseline();
    const b = (performance.now() - s) / nb;
    s = performance.now();
    for (let i = 0; i < nc; i++) candidate();
    const c = (performance.now() - s) / nc;
    tb.push(b);
    tc.push(c);
    ratios.push(b / c);
  }
  return { baseMs: median(tb), ms: median(tc), ratio: median(ratios) };
}

let sink = 0;
const keep = (x) => {
  sink += typeof x === 'string' ? x.length : (x.byteLength ?? 1);
};

function row(name, bytes, r) {
  return {
    case: name,
    bytes,
    'µs/op': +(r.ms * 1000).toFixed(1),
    'MB/s': +(bytes / 1e6 / (r.ms / 1000)).toFixed(1),
    'baseline µs/op': +(r.baseMs * 1000).toFixed(1),
    'x vs JSON.parse+stringify': +r.ratio.toFixed(2),
  };
}

const rows = [];

// (a) small message
{
  const text = '{"data":{"ndarray":[[1,2,3,4]]}}';
  const bytes = messageToProto(decodeMessage(text));
  const base = () => keep(JSON.stringify(JSON.parse(text)));
  rows.push(
    row(
      'small: ndarray JSON decode+encode',
      text.length,
      compare(base, () => keep(encodeMessage(decodeMessage(text)))),
    ),
  );
  rows.push(
    row(
      'small: proto decode+encode',
      bytes.byteLength,
      compare(base, () => keep(messageToProto(messageFromProto(bytes)))),
    ),
  );
}

// (b) 1 MB tensor: 131,072 doubles
{
  const n = 131_072;
  const values = Array.from({ length: n }, () => Math.random() * 200 - 100);
  const tensorText = JSON.stringify({ data: { names: [], tensor: { shape: [256, 512], values } } });
  const nested = [];
  for (let r = 0; r < 256; r++) nested.push(values.slice(r * 512, (r + 1) * 512));
  const ndarrayText = JSON.stringify({ data: { names: [], ndarray: nested } });
  const tensorProto = messageToProto(decodeMessage(tensorText));
  const ndarrayProto = messageToProto(decodeMessage(ndarrayText));
  const baseTensor = () => keep(JSON.stringify(JSON.parse(tensorText)));
  const baseNdarray = () => keep(JSON.stringify(JSON.parse(ndarrayText)));

  rows.push(
    row(
      '1MB tensor: tensor JSON decode+encode',
      tensorText.length,
      compare(baseTensor, () => keep(encodeMessage(decodeMessage(tensorText)))),
    ),
  );
  rows.push(
    row(
      '1MB tensor: proto decode+encode',
      tensorProto.byteLength,
      compare(baseTensor, () => keep(messageToProto(messageFromProto(tensorProto)))),
    ),
  );
  rows.push(
    row(
      '1MB tensor: proto decode + dataToNd + encode',
      tensorProto.byteLength,
      compare(baseTensor, () => {
        const m = messageFromProto(tensorProto);
        keep(dataToNd(m.data).values);
        keep(messageToProto(m));
      }),
    ),
  );
  rows.push(
    row(
      '1MB ndarray: ndarray JSON decode+encode',
      ndarrayText.length,
      compare(baseNdarray, () => keep(encodeMessage(decodeMessage(ndarrayText)))),
    ),
  );
  rows.push(
    row(
      '1MB ndarray: proto (ListValue) decode+encode',
      ndarrayProto.byteLength,
      compare(baseNdarray, () => keep(messageToProto(messageFromProto(ndarrayProto)))),
    ),
  );
}

console.log(
  `node ${process.version}, ${budgetMs} ms per case; baseline = JSON.parse+JSON.stringify of the same message's JSON text, interleaved; medians (sink ${sink > 0})`,
);
console.table(rows);
