// CPU time of a process and all its descendants, read from /proc (Linux): for servers that are
// not Node children answering cpuUsage over IPC, e.g. a Python server whose gunicorn workers and
// metrics manager are separate processes.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond;

/** The kernel's clock ticks per second (getconf CLK_TCK, 100 when unknown). */
function clockTicks() {
  if (ticksPerSecond === undefined) {
    const out = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    ticksPerSecond = Number.isFinite(out) && out > 0 ? out : 100;
  }
  return ticksPerSecond;
}

/**
 * One process's parent and CPU ticks (utime + stime, plus cutime + cstime of children it has
 * reaped), or undefined when it is gone. The name field may hold spaces, so fields are counted
 * from its closing parenthesis.
 */
function readStat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
  return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
}

/** Every live process: its children's ids and its CPU ticks. */
function scanProcesses() {
  const childrenOf = new Map();
  const ticks = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(name);
    if (!st) continue;
    const pid = Number(name);
    ticks.set(pid, st.ticks);
    if (!childrenOf.has(st.ppid)) childrenOf.set(st.ppid, []);
    childrenOf.get(st.ppid).push(pid);
  }
  return { childrenOf, ticks };
}

/** The process ids of `rootPid`'s tree (itself first) in one scan's `childrenOf`. */
function treeOf(rootPid, childrenOf) {
  const out = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(childrenOf.get(pid) ?? []));
  }
  return out;
}

/** CPU µs used so far by `rootPid` and every live descendant (10 ms resolution at 100 Hz). */
export function treeCpuUs(rootPid) {
  const { childrenOf, ticks } = scanProcesses();
  const total = treeOf(rootPid, childrenOf).reduce((sum, pid) => sum + (ticks.get(pid) ?? 0), 0);
  return (total * 1e6) / clockTicks();
}

/** The process ids of `rootPid`'s tree (itself first). */
export function treePids(rootPid) {
  return treeOf(rootPid, scanProcesses().childrenOf);
}
