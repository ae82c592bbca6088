import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
for (const s of process.argv.slice(2)) await import(s);
global.gc?.();
const m = process.memoryUsage();
console.log('rss', (m.rss/1048576).toFixed(1), 'heapTotal', (m.heapTotal/1048576).toFixed(1), 'heapUsed', (m.heapUsed/1048576).toFixed(1), 'ext', (m.external/1048576).toFixed(1));
for (const s of v8.getHeapSpaceStatistics()) console.log(' ', s.space_name.padEnd(24), (s.space_size/1048576).toFixed(1), (s.space_used_size/1048576).toFixed(1), 'phys', (s.physical_space_size/1048576).toFixed(1));
console.log(readFileSync('/proc/self/smaps_rollup','utf8').split('\n').filter(l=>/Rss|Anon|Private/.test(l)).join('\n'));
const cs = v8.getHeapCodeStatistics(); console.log('code', JSON.stringify(Object.fromEntries(Object.entries(cs).map(([k,v])=>[k,(v/1048576).toFixed(2)]))));
