// CPU time a process has used, from /proc (Linux): the benches' measure of work, which survives a
// shared machine where wall time is mostly the wait for a core.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

let msPerTick: number | undefined;

/** utime + stime of a process (all its threads), in ms; 0 when it is gone or not on this host. */
export async function processCpuMs(pid: number): Promise<number> {
  msPerTick ??= 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * msPerTick; // utime, stime (fields 14 and 15 of proc(5))
  } catch {
    return 0;
  }
}
