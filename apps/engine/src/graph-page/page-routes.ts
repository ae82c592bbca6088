// The graph page's routes under /graph on the REST port: the page, its assets, the graph it draws
// (`/graph/model`) and the live figures it polls every second (`/graph/stats`).
import type { EngineConfig } from '../config.js';
import type { GraphStats } from './stats.js';
import { graphPageModel } from './graph-model.js';
import { graphPageHtml } from './page-html.js';
import { graphPageAsset } from './assets.js';

/** An answer of a graph page route. */
export interface PageAnswer {
  status: number;
  /** Extra response headers, flat: [name, value, ...]. */
  headers: string[];
  contentType?: string;
  body?: string | Buffer;
}

/** What the routes read. */
export interface GraphPageSource {
  readonly config: EngineConfig;
  readonly stats: GraphStats;
  /** Prefill of the try-it panel; default: the protocol's example. */
  readonly exampleRequest?: string;
}

const JSON_TYPE = 'application/json';
// Scripts, styles and requests from the engine only; nothing inline, no framing by other sites.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const NO_STORE = ['Cache-Control', 'no-store'];

/** True for the paths the graph page serves. */
export function isGraphPagePath(path: string): boolean {
  return path === '/graph' || path.startsWith('/graph/');
}

/** Answers a GET of a graph page path. */
export function graphPageAnswer(source: GraphPageSource, path: string): PageAnswer {
  const rest = path.slice('/graph'.length);
  switch (rest) {
    case '':
      // Relative, so that a path prefix in front of the engine (an ingress) is kept.
      return { status: 308, headers: ['Location', 'graph/'] };
    case '/':
      return {
        status: 200,
        headers: ['Content-Security-Policy', CSP, ...NO_STORE],
        contentType: 'text/html; charset=utf-8',
        body: graphPageHtml(`${source.config.deploymentName} / ${source.config.predictorName}`),
      };
    case '/model':
      return {
        status: 200,
        headers: NO_STORE,
        contentType: JSON_TYPE,
        body: JSON.stringify(graphPageModel(source.config, source.exampleRequest)),
      };
    case '/split':
      // A lone engine has no split; `seldon-engine run`'s front door answers this path itself.
      return { status: 204, headers: NO_STORE };
    case '/stats':
      return {
        status: 200,
        headers: NO_STORE,
        contentType: JSON_TYPE,
        body: JSON.stringify(source.stats.snapshot()),
      };
  }
  const asset = rest.startsWith('/assets/') ? graphPageAsset(rest.slice('/assets/'.length)) : undefined;
  if (asset === undefined)
    return {
      status: 404,
      headers: [],
      contentType: 'text/plain; charset=utf-8',
      body: '404 page not found\n',
    };
  return {
    status: 200,
    headers: ['Cache-Control', 'no-cache'],
    contentType: asset.contentType,
    body: asset.body,
  };
}
