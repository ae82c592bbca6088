/** Where the processor reports what it does. The library is silent unless given one. */
export interface BatchLogger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything (the library default). */
export const silentLogger: BatchLogger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
};

const LEVELS = ['debug', 'info', 'warning', 'error'] as const;

/**
 * A logger writing `<ISO time> - batch-processor - <LEVEL>: <message>` lines to a stream
 * (the CLI uses stderr, keeping stdout free), dropping messages below `level`.
 */
export function createStreamLogger(
  level: (typeof LEVELS)[number],
  stream: NodeJS.WritableStream,
): BatchLogger {
  const min = LEVELS.indexOf(level);
  const at = (l: (typeof LEVELS)[number]) =>
    LEVELS.indexOf(l) < min
      ? () => undefined
      : (message: string) =>
          stream.write(`${new Date().toISOString()} - batch-processor - ${l.toUpperCase()}: ${message}\n`);
  return { debug: at('debug'), info: at('info'), warning: at('warning'), error: at('error') };
}
