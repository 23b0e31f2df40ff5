// A `worker` process gives way to a web process on the same machine: an acknowledgement is what a
// person is waiting for, a case built a little later is not (decision 0082). Linux keeps a nice
// value per thread, and setpriority on the process id reaches only the main thread, so every
// thread already running (V8's and libuv's helpers) is lowered too; threads started later inherit
// it from the thread that starts them.
import { readdirSync } from 'node:fs';
import os from 'node:os';

const LOWEST = 19;

/** Lowers this process's CPU priority by `steps` (at most to nice 19); returns the nice value now. */
export function lowerProcessPriority(steps: number): number {
  const target = Math.min(LOWEST, os.getPriority() + steps);
  let threads: number[];
  try {
    threads = readdirSync('/proc/self/task').map(Number);
  } catch {
    threads = [0]; // no /proc (not Linux): the process as the OS defines it
  }
  for (const thread of threads) os.setPriority(thread, target);
  return os.getPriority();
}
