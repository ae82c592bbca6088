// The graph page's files, served by the engine from its own package (no CDN: the page works where
// the browser reaches nothing but the engine). The browser scripts live in ./browser/ beside this
// module: the sources when run from src/, the copies `tsc -b` emits (tsconfig.page.json) in dist/.
import { readFileSync } from 'node:fs';
import { GRAPH_PAGE_CSS } from './page-style.js';

/** The browser scripts of the page; nothing else under browser/ is served. */
export const BROWSER_SCRIPTS = [
  'page.js',
  'draw.js',
  'live.js',
  'try-it.js',
  'split.js',
  'format.js',
] as const;

const JS = 'text/javascript; charset=utf-8';
// Three linked nodes; without an icon the browser asks for /favicon.ico and gets a 404.
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 4v3M8 7 4 11M8 7l4 4" stroke="#6b7385" fill="none"/>' +
  '<circle cx="8" cy="3" r="2.5" fill="#d9822b"/><circle cx="4" cy="12.5" r="2.5" fill="#2f6fdb"/><circle cx="12" cy="12.5" r="2.5" fill="#2f6fdb"/></svg>';
const cache = new Map<string, Buffer>();

/** An asset by file name (read once, then kept); undefined for any other name. */
export function graphPageAsset(name: string): { contentType: string; body: Buffer | string } | undefined {
  if (name === 'page.css') return { contentType: 'text/css; charset=utf-8', body: GRAPH_PAGE_CSS };
  if (name === 'favicon.svg') return { contentType: 'image/svg+xml', body: FAVICON };
  if (!(BROWSER_SCRIPTS as readonly string[]).includes(name)) return undefined;
  let body = cache.get(name);
  if (body === undefined) {
    body = readFileSync(new URL(`./browser/${name}`, import.meta.url));
    cache.set(name, body);
  }
  return { contentType: JS, body };
}
