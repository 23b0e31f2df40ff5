// Run after `npm ci --omit=dev`: removes the packages npm keeps although only dev dependencies
// need them. A dev dependency that a production package names as an optional peer is "devOptional"
// (prisma and typescript are optional peers of @prisma/client) and npm omits those only with
// --omit=optional too (npm/cli#7772), which would also drop msgpackr's platform binary that
// BullMQ runs on. An optional peer is never required at run time, so the lockfile's list is removed,
// with the commands (node_modules/.bin links) that pointed into it.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = Object.keys(lock.packages).filter((p) => p.startsWith('node_modules/'));
const removed = packages.filter((p) => lock.packages[p].devOptional);
for (const dir of removed) rmSync(dir, { recursive: true, force: true });

let links = 0;
for (const bin of ['node_modules/.bin', ...packages.map((p) => path.join(p, 'node_modules/.bin'))]) {
  if (!existsSync(bin)) continue;
  for (const name of readdirSync(bin)) {
    const link = path.join(bin, name);
    if (!existsSync(link)) {
      rmSync(link, { force: true });
      links++;
    }
  }
}
console.log(
  `prune-dev-optional: removed ${removed.length} packages only dev dependencies need, and ${links} commands`,
);
