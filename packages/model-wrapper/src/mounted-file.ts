// Watches a file mounted from a ConfigMap (the engine's graph, a node's parameters) and hands over
// its new text when the content changes.
//
// The operator mounts the predictor graph and the nodes' parameters from a ConfigMap. The kubelet
// never writes the visible file: `predictor.json` (say) is a symlink to `..data/predictor.json`, and an update writes a new
// timestamped directory (`..2026_05_01_10_00_00.123456789/`), points a `..data_tmp` symlink at it and
// renames that over `..data`. Events therefore carry the names `..data_tmp`/`..data`, never the file's
// own name. So the directory is watched, events for the file and for the kubelet's `..` entries
// trigger a re-read, and only a change of content counts (editors and the kubelet both produce
// bursts of events, some for content that did not change).
import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface MountedFileWatchOptions {
  /** Quiet period after the last event before the file is re-read, ms. Default 50. */
  debounceMs?: number;
  /** Called with the new text when the content differs from the last text seen. */
  onChange: (text: string) => void;
  /**
   * Whether the text read when watching starts is what the caller already serves. When it is not
   * (the file changed after the configuration was read and before the watch began), `onChange`
   * gets it at once instead of the change going unseen. Default: always current.
   */
  isCurrent?: (text: string) => boolean;
  /** Diagnostics: `debug` for events that changed nothing, `warn` when watching fails. */
  log: (level: 'debug' | 'warn', message: string) => void;
}

export interface MountedFileWatch {
  /** Stops watching; a re-read already scheduled is cancelled. */
  close(): void;
}

/** The file's text, or undefined when it cannot be read (absent, mid-replace, a directory). */
export function readTextIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** True for directory events that may change what `file` resolves to. */
export function isMountedFileEvent(file: string, name: string | null): boolean {
  // No name: the platform could not tell which entry changed, so look.
  if (name === null) return true;
  // `..data`, `..data_tmp` and the timestamped directories of the kubelet's atomic writer.
  return name === basename(file) || name.startsWith('..');
}

export function watchMountedFile(file: string, options: MountedFileWatchOptions): MountedFileWatch {
  const debounceMs = options.debounceMs ?? 50;
  let lastText = readTextIfPresent(file);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const check = () => {
    timer = undefined;
    if (closed) return;
    const text = readTextIfPresent(file);
    // Absent mid-replace (an editor's delete + create): the next event brings the new file.
    if (text === undefined) {
      options.log('debug', `${file} is not readable right now; waiting for the next change`);
      return;
    }
    if (text === lastText) {
      options.log('debug', `${file}: directory changed, content unchanged`);
      return;
    }
    lastText = text;
    options.onChange(text);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
      if (closed || !isMountedFileEvent(file, name === null ? null : String(name))) return;
      clearTimeout(timer);
      timer = setTimeout(check, debounceMs);
    });
    // A removed directory or an exhausted inotify limit must not crash the process.
    watcher.on('error', (err) => {
      options.log('warn', `stopped watching ${file}: ${err.message}`);
      watcher?.close();
    });
  } catch (err) {
    options.log('warn', `cannot watch ${file}: ${(err as Error).message}`);
  }

  if (lastText !== undefined && options.isCurrent && !options.isCurrent(lastText)) {
    const missed = lastText;
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) options.onChange(missed);
    }, 0);
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
