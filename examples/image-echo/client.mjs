#!/usr/bin/env node
// Sends an image file to the image-echo deployment (example 4) and writes the pixels it returns
// as a PNG.
//
//   node examples/image-echo/client.mjs <input.png|input.jpg> <output.png> [--url http://127.0.0.1:8000]
//
// Request:  {"binData": "<base64 of the file>"}
// Response: {"data": {"tensor": {"shape": [height, width, channels], "values": [...]}}, "meta": {...}}
import { readFileSync, writeFileSync } from 'node:fs';
import pngjs from 'pngjs';

const args = process.argv.slice(2);
const urlFlag = args.indexOf('--url');
const base = urlFlag >= 0 ? args.splice(urlFlag, 2)[1] : 'http://127.0.0.1:8000';
const [input, output] = args;
if (!input || !output) {
  console.error('usage: node client.mjs <input.png|input.jpg> <output.png> [--url http://127.0.0.1:8000]');
  process.exit(2);
}

const file = readFileSync(input);
const res = await fetch(`${base}/api/v1.0/predictions`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ binData: file.toString('base64') }),
});
const body = await res.json();
if (res.status !== 200) {
  console.error(`the deployment answered ${res.status}: ${JSON.stringify(body)}`);
  process.exit(1);
}

// A numeric result for a request without `data` comes back as a tensor; accept ndarray too.
let shape;
let values;
if (body.data?.tensor) {
  shape = body.data.tensor.shape;
  values = body.data.tensor.values;
} else if (body.data?.ndarray) {
  const rows = body.data.ndarray;
  shape = [rows.length, rows[0].length, rows[0][0].length];
  values = rows.flat(2);
} else {
  console.error(`no pixel data in the answer: ${JSON.stringify(body).slice(0, 200)}`);
  process.exit(1);
}
const [height, width, channels] = shape;
const png = new pngjs.PNG({ width, height });
for (let p = 0; p < width * height; p++) {
  for (let k = 0; k < 3; k++) png.data[p * 4 + k] = values[p * channels + k];
  png.data[p * 4 + 3] = channels === 4 ? values[p * channels + 3] : 255;
}
writeFileSync(output, pngjs.PNG.sync.write(png));
console.log(
  `sent ${input} (${file.length} bytes), got pixels [${shape.join(', ')}] ` +
    `(puid ${res.headers.get('seldon-puid')}, tags ${JSON.stringify(body.meta?.tags ?? {})}), wrote ${output}`,
);
