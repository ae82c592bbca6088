// Reload on file change: module components restart (or reload in process) when their directory changes.
import { watch } from 'node:fs';
import { dirname } from 'node:path';
import type { StartedComponent } from './components.js';

/** Restarts module components whose directory changes (debounced). */
export function watchComponents(
  components: StartedComponent[],
  log: (line: string) => void,
): Array<{ close(): void }> {
  const byDir = new Map<string, StartedComponent[]>();
  for (const c of components) {
    if (c.node.component.kind !== 'module') continue;
    const dir = dirname(c.node.component.modulePath);
    byDir.set(dir, [...(byDir.get(dir) ?? []), c]);
  }
  const watchers: Array<{ close(): void }> = [];
  for (const [dir, list] of byDir) {
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const reload = () => {
      if (closed) return;
      for (const c of list) {
        const name = `${c.node.predictor}/${c.node.name}`;
        if (c.process) {
          log(`[runner] ${name}: files changed in ${dir}; restarting`);
          void c.process.reload();
        } else if (c.reloadRuntime) {
          log(`[runner] ${name}: files changed in ${dir}; reloading`);
          c.reloadRuntime().catch((err: Error) =>
            log(`[runner] ${name}: reload failed, keeping the old version: ${err.message}`),
          );
        }
      }
    };
    try {
      const w = watch(dir, { persistent: false }, (_event, file) => {
        if (file && !/\.(m|c)?(t|j)s$|\.json$/.test(String(file))) return;
        clearTimeout(timer);
        timer = setTimeout(reload, 200);
      });
      // A reload scheduled just before close() must not restart a process of a stopped deployment.
      watchers.push({
        close() {
          closed = true;
          clearTimeout(timer);
          w.close();
        },
      });
    } catch (err) {
      log(`[runner] cannot watch ${dir}: ${(err as Error).message}`);
    }
  }
  return watchers;
}
