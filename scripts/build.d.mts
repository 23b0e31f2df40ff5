// Types for scripts/build.mjs, which runs as plain JavaScript before anything is compiled.
export function buildDist(options?: {
  quiet?: boolean;
}): Promise<{ compiled: number; copied: number; removed: number }>;
