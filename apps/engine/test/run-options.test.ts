// `seldon-engine run` argument spellings: node:util parseArgs behind a normalisation that keeps the
// executor's underscores, single-dash long names and `--switch=false` working.
import { describe, it, expect } from '@jest/globals';
import { parseRunArgs } from '../src/run/options.js';

const refuses = (argv: string[], message: string) =>
  expect(() => parseRunArgs(argv)).toThrow(
    expect.objectContaining({ code: 'SC_ERR_ENGINE_RUN_USAGE', message: expect.stringContaining(message) }),
  );

describe('run: argument spellings', () => {
  it('accepts underscores, a single dash and every option in both forms', () => {
    expect(
      parseRunArgs([
        '-http_port',
        '9',
        '-grpc-port=10',
        '--host',
        '0.0.0.0',
        '--namespace=my_ns',
        '--start_timeout_ms',
        '5',
        '--stop-timeout-ms=6',
        '--max-body-bytes',
        '10',
        '--component=my_c=module:./a_b.ts',
        'sdep.yaml',
      ]),
    ).toEqual({
      manifestPath: 'sdep.yaml',
      httpPort: 9,
      grpcPort: 10,
      host: '0.0.0.0',
      namespace: 'my_ns',
      startTimeoutMs: 5,
      stopTimeoutMs: 6,
      maxBodyBytes: 10,
      components: { my_c: 'module:./a_b.ts' },
    });
  });

  it('takes switches alone or with =true/=false, never the next argument as their value', () => {
    expect(parseRunArgs(['--watch', 'a.yaml', '--graph_page=false'])).toEqual({
      manifestPath: 'a.yaml',
      watch: true,
      graphPage: false,
    });
    expect(parseRunArgs(['a.yaml', '--watch', '--watch=false', '-graph-page=true'])).toEqual({
      manifestPath: 'a.yaml',
      watch: false,
      graphPage: true,
    });
  });

  it('reads everything after -- as positional and lets --help / -h win', () => {
    expect(parseRunArgs(['--', '-odd.yaml'])).toEqual({ manifestPath: '-odd.yaml' });
    expect(parseRunArgs(['-'])).toEqual({ manifestPath: '-' });
    expect(parseRunArgs(['a.yaml', '-h'])).toBe('help');
    expect(parseRunArgs(['a.yaml', '--nope', '--help'])).toBe('help');
  });

  it.each([
    [['a.yaml', '--nope=3'], 'unknown option --nope (see seldon-engine run --help)'],
    [['a.yaml', '-nope_flag'], 'unknown option --nope-flag'],
    [['a.yaml', '-x'], 'unknown option -x'],
    [['a.yaml', '--http-port'], '--http-port needs a value (N)'],
    [['a.yaml', '--http-port='], '--http-port expects an integer in [0, 65535], got ""'],
    [['a.yaml', '--watch=maybe'], '--watch is a switch; use --watch or --watch=false'],
    [['a.yaml', '--namespace', '-x'], "'--namespace=-XYZ'"],
    [['a.yaml', '--max-body-bytes', '0'], '--max-body-bytes expects an integer in [1, 2147483647], got "0"'],
    [['a.yaml', '--', 'b.yaml'], 'expected one manifest, got 2: a.yaml b.yaml'],
    [['a.yaml', '--help=1'], "--help' does not take an argument"],
  ])('refuses %j', refuses);
});
