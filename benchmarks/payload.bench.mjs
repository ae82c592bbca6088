// Payload codec benchmark: encode + decode of a small ndarray message and of a 1 MB tensor
// (131,072 doubles) as tensor JSON, ndarray JSON and protobuf, and the JSON encoding of doubles
// (protobuf -> JSON, a model's n-d result -> JSON), each compared with JSON.parse + JSON.stringify
// of the same message's JSON text, measured in the same run.
// Usage: (cd /work/main && npx tsc -b packages/payload/tsconfig.lib.json) && node benchmarks/payload.bench.mjs [--quick]
import {
  buildResponse,
  dataToNd,
  decodeMessage,
  encodeMessage,
  messageFromProto,
  messageToProto,
} from '@seldon-ts/payload';

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

  // JSON encoding of values known to be doubles: what a REST answer costs when the graph answered
  // in protobuf, and what the model wrapper's REST answer costs for a numeric n-d result.
  rows.push(
    row(
      '1MB tensor: proto decode + JSON encode',
      tensorText.length,
      compare(baseTensor, () => keep(encodeMessage(messageFromProto(tensorProto)))),
    ),
  );
  rows.push(
    row(
      '1MB ndarray: proto decode + JSON encode',
      ndarrayText.length,
      compare(baseNdarray, () => keep(encodeMessage(messageFromProto(ndarrayProto)))),
    ),
  );
  const nd = { shape: [256, 512], values: Float64Array.from(values) };
  const ndarrayRequest = decodeMessage('{"data":{"ndarray":[[1]]}}');
  const tensorRequest = decodeMessage('{"data":{"tensor":{"shape":[1],"values":[1]}}}');
  rows.push(
    row(
      '1MB n-d result: buildResponse ndarray + JSON encode',
      ndarrayText.length,
      compare(baseNdarray, () => keep(encodeMessage(buildResponse({ array: nd }, ndarrayRequest)))),
    ),
  );
  rows.push(
    row(
      '1MB n-d result: buildResponse tensor + JSON encode',
      tensorText.length,
      compare(baseTensor, () => keep(encodeMessage(buildResponse({ array: nd }, tensorRequest)))),
    ),
  );
  // Probabilities with 1% of them below 1e-4: those are written in exponent form (3e-05), as
  // Python does, the runs between them natively.
  const probs = Float64Array.from(values, (_, i) => (i % 100 === 0 ? Math.random() * 1e-5 : Math.random()));
  const probsNested = [];
  for (let r = 0; r < 256; r++) probsNested.push(Array.from(probs.subarray(r * 512, (r + 1) * 512)));
  const probsText = JSON.stringify({ data: { names: [], ndarray: probsNested } });
  rows.push(
    row(
      '1MB probabilities n-d result: buildResponse ndarray + JSON encode',
      probsText.length,
      compare(
        () => keep(JSON.stringify(JSON.parse(probsText))),
        () =>
          keep(encodeMessage(buildResponse({ array: { shape: [256, 512], values: probs } }, ndarrayRequest))),
      ),
    ),
  );
  // Whole-valued doubles (e.g. class scores 0/1): every value gets its ".0".
  const whole = Float64Array.from(values, (v) => Math.round(v));
  const wholeText = JSON.stringify({
    data: { names: [], tensor: { shape: [256, 512], values: Array.from(whole) } },
  });
  const wholeProto = messageToProto(decodeMessage(wholeText));
  rows.push(
    row(
      '1MB whole-valued tensor: proto decode + JSON encode',
      wholeText.length,
      compare(
        () => keep(JSON.stringify(JSON.parse(wholeText))),
        () => keep(encodeMessage(messageFromProto(wholeProto))),
      ),
    ),
  );
}

console.log(
  `node ${process.version}, ${budgetMs} ms per case; baseline = JSON.parse+JSON.stringify of the same message's JSON text, interleaved; medians (sink ${sink > 0})`,
);
console.table(rows);
