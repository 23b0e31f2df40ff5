#!/usr/bin/env node
// `npm test`: vitest in two lanes at once, the end-to-end project in one and every other project in
// the other (decision 0081). Vitest queues all the projects whose files run one at a time
// (integration, e2e) behind each other in a single lane, so one of the two cores sat idle through
// the whole end-to-end tier. Each lane is a `vitest run` of its own; its lines are prefixed with
// its name, and the exit code is the first failing lane's.
//
// `npm test -- --project A --project B` keeps the lanes for the projects named. Any other argument
// (test files, -t, a reporter, a project pattern) gives one plain `vitest run` with the arguments
// as they are: a run of a few files gains nothing from lanes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const SERIAL_LANE_PROJECT = 'e2e';
const VITEST = path.join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');

const args = process.argv.slice(2);
const requested = projectsOnly(args);

/** The projects named with `--project X` / `--project=X`, or null when anything else is there. */
function projectsOnly(list) {
  const names = [];
  for (let i = 0; i < list.length; i++) {
    const arg = list[i];
    let name;
    if (arg === '--project') name = list[++i];
    else if (arg.startsWith('--project=')) name = arg.slice('--project='.length);
    else return null;
    if (!name || !/^[\w-]+$/.test(name)) return null;
    names.push(name);
  }
  return names;
}

function lanes() {
  if (requested === null) return [{ name: 'vitest', args }];
  if (requested.length === 0)
    return [
      { name: SERIAL_LANE_PROJECT, args: ['--project', SERIAL_LANE_PROJECT] },
      { name: 'unit+integration', args: ['--project', `!${SERIAL_LANE_PROJECT}`] },
    ];
  const own = requested.filter((p) => p === SERIAL_LANE_PROJECT);
  const rest = requested.filter((p) => p !== SERIAL_LANE_PROJECT);
  return [own, rest]
    .filter((projects) => projects.length > 0)
    .map((projects) => ({ name: projects.join('+'), args: projects.flatMap((p) => ['--project', p]) }));
}

const planned = lanes();
const children = new Set();
const prefixed = planned.length > 1;

function runLane(lane) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VITEST, 'run', ...lane.args], {
      stdio: prefixed ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: process.env,
    });
    children.add(child);
    if (prefixed) {
      for (const [stream, out] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ]) {
        createInterface({ input: stream }).on('line', (line) => out.write(`[${lane.name}] ${line}\n`));
      }
    }
    // A lane that cannot start (no node_modules) fails; 'close' follows the error.
    child.on('error', (err) => console.error(`[${lane.name}] could not start vitest: ${err.message}`));
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ lane, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 });
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

const results = await Promise.all(planned.map(runLane));
if (prefixed) {
  console.log('');
  for (const r of results)
    console.log(
      `lane ${r.lane.name}: ${r.code === 0 ? 'passed' : `failed (exit ${r.code})`} in ${r.seconds.toFixed(0)} s`,
    );
}
process.exitCode = results.find((r) => r.code !== 0)?.code ?? 0;
