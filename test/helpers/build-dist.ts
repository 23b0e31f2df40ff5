// e2e tests start the app and the langnghe command as production does, from dist/ (decision 0043):
// bring it up to date with the sources once, before any file runs. Nothing changed: milliseconds.
import { buildDist } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildDist();
}
