// docs/cli.md is the CLI reference: its tables must match the options the code accepts and the
// defaults it applies, for `run` (RUN_OPTIONS) and for `serve` (the engine's flags and config).
import { describe, it, expect, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { RUN_OPTIONS, RUN_USAGE } from '../src/run/options.js';
import { parseFlags, resolveConfig, ENGINE_FLAGS, type EngineConfig } from '../src/config.js';
import { ENGINE_ERRORS } from '../src/errors.js';
import { repoRoot } from './run-helpers.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const doc = readFileSync(`${repoRoot}docs/cli.md`, 'utf8');

/** The markdown table rows of a `## ` section, as arrays of cell texts. */
function tableRows(heading: string): string[][] {
  const start = doc.indexOf(heading);
  if (start < 0) throw new Error(`docs/cli.md has no section ${heading}`);
  const next = doc.indexOf('\n## ', start + heading.length);
  const section = doc.slice(start, next < 0 ? undefined : next);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) {
      if (inTable) break; // first table of the section only
      continue;
    }
    inTable = true;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
    if (/^-+$/.test(cells[0]) || cells[0] === 'option' || cells[0] === 'flag') continue;
    rows.push(cells);
  }
  return rows;
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

/** The rows of the markdown table that follows `heading` (any level). */
function tableAfter(heading: string): string[][] {
  const start = doc.indexOf(heading);
  if (start < 0) throw new Error(`docs/cli.md has no heading ${heading}`);
  const lines = doc.slice(start).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    if (/^-+$/.test(cells[0]) || cells[0] === 'code') continue;
    rows.push(cells);
  }
  return rows;
}

describe('docs/cli.md', () => {
  it('documents every `seldon-engine run` option with its default, and nothing else', () => {
    const documented = new Map(
      tableRows('## `seldon-engine run`')
        .filter((r) => unquote(r[0]) !== '--help')
        .map((r) => [unquote(r[0]).split(' ')[0], r[1]]),
    );
    const expected = new Map(
      RUN_OPTIONS.map((o) => [o.flag, o.default.startsWith('(') ? o.default : `\`${o.default}\``]),
    );
    expect(documented).toEqual(expected);
    // The value placeholders match --help too.
    for (const o of RUN_OPTIONS) {
      const row = tableRows('## `seldon-engine run`').find((r) => unquote(r[0]).split(' ')[0] === o.flag)!;
      expect(unquote(row[0])).toBe(o.value ? `${o.flag} ${o.value}` : o.flag);
      expect(RUN_USAGE).toContain(`${o.flag}${o.value ? ` ${o.value}` : ''}`);
    }
  });

  // Every flag the serve command accepts: the engine's exported flag table.
  const engineFlags = Object.keys(ENGINE_FLAGS).map((name) => `--${name}`);
  const serveRows = tableRows('## `seldon-engine serve`');

  it('lists the SC_ERR_ENGINE_RUN_* codes of the catalogue with their HTTP and gRPC status', () => {
    const documented = Object.fromEntries(
      tableAfter('### Errors of `run`').map((r) => [unquote(r[0]), [Number(r[1]), Number(r[2])]]),
    );
    const expected = Object.fromEntries(
      Object.entries(ENGINE_ERRORS)
        .filter(([code]) => code.startsWith('SC_ERR_ENGINE_RUN_'))
        .map(([code, e]) => [code, [e.httpStatus, e.grpcStatus]]),
    );
    expect(documented).toEqual(expected);
  });

  it('documents exactly the flags the engine accepts', () => {
    const documented = serveRows.map((r) => unquote(r[0]));
    expect([...documented].sort()).toEqual([...engineFlags].sort());
    for (const flag of documented) expect(() => parseFlags([`${flag}=1`])).not.toThrow();
  });

  it('documents the defaults the engine applies', () => {
    const predictor = { name: 'p', graph: { name: 'm', implementation: 'SIMPLE_MODEL' } };
    const config = resolveConfig(
      [],
      { ENGINE_PREDICTOR: Buffer.from(JSON.stringify(predictor)).toString('base64') },
      {
        annotationsPath: '/nonexistent/annotations',
      },
    );
    const actual: Record<string, (c: EngineConfig) => unknown> = {
      '--namespace': (c) => c.namespace,
      '--http_port': (c) => c.httpPort,
      '--grpc_port': (c) => c.grpcPort,
      '--host': (c) => c.host,
      '--protocol': (c) => c.protocol,
      '--transport': (c) => c.transport,
      '--server_type': (c) => c.serverType,
      '--hostname': (c) => c.hostname,
      '--prometheus_path': (c) => c.prometheusPath,
      '--logger_workers': (c) => c.payloadLogger.workers,
      '--log_work_buffer_size': (c) => c.payloadLogger.queueSize,
      '--log_write_timeout_ms': (c) => c.payloadLogger.writeTimeoutMs,
      '--log_kafka_topic': (c) => c.payloadLogger.kafkaTopic,
      '--full_health_checks': (c) => c.fullHealthChecks,
      '--graceful_timeout': (c) => `${c.gracefulTimeoutMs / 1000}s`,
      '--shutdown_delay': (c) => c.shutdownDelayMs,
      '--max_body_bytes': (c) => c.maxBodyBytes,
      '--max_in_flight': (c) => c.maxInFlight,
      '--request_timeout_ms': (c) => c.requestTimeoutMs,
      '--debug': (c) => c.debug,
      '--log_level': (c) => c.logLevel,
    };
    for (const [flag, get] of Object.entries(actual)) {
      const row = serveRows.find((r) => unquote(r[0]) === flag);
      expect({ flag, default: row && unquote(row[2]) }).toEqual({ flag, default: String(get(config)) });
    }
  });
});
