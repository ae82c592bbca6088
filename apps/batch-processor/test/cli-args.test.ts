// seldon-batch-processor argument spellings: node:util parseArgs (strict) with the click CLI's
// boolean words joined first.
import { describe, expect, it } from '@jest/globals';
import { parseBatchArgs } from '../src/index.js';

const refuses = (argv: string[], message: unknown) =>
  expect(() => parseBatchArgs(argv)).toThrow(
    expect.objectContaining({ code: 'SC_ERR_BATCH_INVALID_OPTION', message }),
  );

describe('parseBatchArgs spellings', () => {
  it('takes boolean words after a switch, and a switch alone before another flag', () => {
    expect(parseBatchArgs(['-b', 'yes', '--use-ssl', 'OFF', '--ssl-verify', '-d', 'x'])).toEqual({
      help: false,
      options: { benchmark: true, useSsl: false, sslVerify: true, deploymentName: 'x' },
    });
    expect(parseBatchArgs(['--benchmark=no', '-b'])).toEqual({ help: false, options: { benchmark: true } });
  });

  it('accepts -xvalue and attached values starting with -, the last repeat winning', () => {
    expect(parseBatchArgs(['-w4', '--call-credentials-token=-abc', '-s', '2', '--batch-size=3'])).toEqual({
      help: false,
      options: { workers: 4, callCredentialsToken: '-abc', batchSize: 3 },
    });
  });

  it('validates every occurrence of a repeated flag, naming it as typed', () => {
    refuses(['-w', 'x', '--workers', '4'], "option -w: 'x' is not an integer");
    refuses(['--workers', '4', '--workers', 'x'], "option --workers: 'x' is not an integer");
  });

  it('lets --help win, and reads nothing after --', () => {
    expect(parseBatchArgs(['--nope', '--help'])).toEqual({ help: true });
    expect(parseBatchArgs(['-d', 'x', '--'])).toEqual({ help: false, options: { deploymentName: 'x' } });
  });

  it.each([
    [['--nope=3'], "unknown argument '--nope' (see --help)"],
    [['-x'], "unknown argument '-x' (see --help)"],
    [['in.txt'], "unknown argument 'in.txt' (see --help)"],
    [['--', '--help'], "unknown argument '--help' (see --help)"],
    [['--host'], 'option --host needs a value'],
    [['-h'], 'option -h needs a value (-h is --host, as in the reference; --help prints the usage)'],
    [['-d', 'x', '-w'], 'option -w needs a value'],
    [
      ['--benchmark=maybe'],
      "option --benchmark: 'maybe' is not a boolean (use true/false, yes/no, 1/0, on/off)",
    ],
    [['--call-credentials-token', '-abc'], expect.stringContaining("'--call-credentials-token=-XYZ'")],
  ])('refuses %j', refuses);
});
