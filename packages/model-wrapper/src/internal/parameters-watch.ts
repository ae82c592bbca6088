// Applies a node's parameters file to the running component whenever its content changes.
import { toWrapperError, type WrapperError } from '../errors.js';
import { watchMountedFile, type MountedFileWatch } from '../mounted-file.js';
import { parseParameters, type ComponentParameters } from '../parameters.js';
import type { ParametersOutcome, ReloadableRuntime } from './reloadable.js';

/** What became of a change of the parameters file (see `MicroserviceOptions.onParameters`). */
export type ParametersEvent =
  /** The new parameters serve: `updated` in place, `replaced` by a new instance, or `unchanged` (a plain object). */
  | { kind: 'applied'; outcome: ParametersOutcome; parameters: ComponentParameters }
  /** The file does not parse, or the component refused the parameters: the previous ones keep serving. */
  | { kind: 'rejected'; error: WrapperError }
  /** The watch itself: `debug` for events that changed nothing, `warn` when watching stopped. */
  | { kind: 'watch'; level: 'debug' | 'warn'; message: string };

/**
 * Watches `file` (text `startText` when the component was built) and hands every new content to
 * `runtime`. Changes are applied in order; a bad one is reported and skipped.
 */
export function watchParameters(
  file: string,
  startText: string | undefined,
  runtime: ReloadableRuntime,
  report: (event: ParametersEvent) => void,
): MountedFileWatch {
  const apply = (text: string): void => {
    let parameters: ComponentParameters;
    try {
      parameters = parseParameters(text);
    } catch (err) {
      report({ kind: 'rejected', error: toWrapperError(err) });
      return;
    }
    runtime.setParameters(parameters).then(
      (outcome) => report({ kind: 'applied', outcome, parameters }),
      (err: unknown) => report({ kind: 'rejected', error: toWrapperError(err) }),
    );
  };
  return watchMountedFile(file, {
    onChange: apply,
    // Written between the start-up read and the watch: apply it now rather than never.
    isCurrent: (text) => text === startText,
    log: (level, message) => report({ kind: 'watch', level, message }),
  });
}
