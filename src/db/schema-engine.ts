// The only place that touches Prisma's schema engine. Prisma's CLI downloads a native engine at
// start-up, which the machines that build this project cannot reach; the same engine ships as
// WebAssembly in @prisma/schema-engine-wasm (pinned to the exact build of the installed Prisma).
// It is an internal API, so it is wrapped here and nowhere else (docs/decisions/0003).
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PROJECT_ROOT } from '../core/project-root.js';

type WasmBindings = typeof import('@prisma/schema-engine-wasm');
type SchemaEngine = Awaited<ReturnType<WasmBindings['SchemaEngine']['new']>>;
type MigrationList = Parameters<SchemaEngine['applyMigrations']>[0]['migrationsList'];

// Node has WebAssembly at run time; the ES2023 lib without DOM does not declare it.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma/migrations');
export const SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma/schema.prisma');

const NO_FILTER = { externalTables: [], externalEnums: [] };

let bindingsPromise: Promise<WasmBindings> | undefined;

// Instantiating the module by hand avoids Node's --experimental-wasm-modules flag, which the
// package's own entry point needs for its `import … from "./schema_engine_bg.wasm"`.
async function loadBindings(): Promise<WasmBindings> {
  bindingsPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@prisma/schema-engine-wasm');
    const dir = path.dirname(entry);
    const glue = (await import(path.join(dir, 'schema_engine_bg.js'))) as WasmBindings & {
      __wbg_set_wasm(exports: Record<string, unknown>): void;
    };
    const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return glue;
  })();
  return bindingsPromise;
}

/** The migrations on disk, by directory name: all that is needed to tell whether any is pending. */
export async function listMigrationNames(baseDir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export async function readMigrationList(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => {
      const file = path.join(baseDir, name, 'migration.sql');
      const content = await readFile(file, 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (err: Error) => ({ tag: 'error' as const, value: err.message }),
      );
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

async function withEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const bindings = await loadBindings();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

/**
 * Applies pending migrations; returns the names applied. Keeps Prisma's `_prisma_migrations`.
 * `only` stops at a subset: a restore rebuilds the schema its backup was taken under, fills it,
 * then applies the rest, so later migrations run on the restored data as on any upgrade.
 */
export async function applyPendingMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  only?: readonly string[],
): Promise<string[]> {
  const all = await readMigrationList();
  const migrationsList = only
    ? { ...all, migrationDirectories: all.migrationDirectories.filter((d) => only.includes(d.path)) }
    : all;
  return withEngine(adapterFactory, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return out.appliedMigrationNames;
  });
}

/**
 * The SQL that would take a database built from the migrations to what schema.prisma describes.
 * Empty when they agree. The migrations are replayed on the adapter's shadow database.
 */
export async function diffMigrationsToSchema(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string> {
  const migrationsList = await readMigrationList();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  return withEngine(adapterFactory, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? '';
  });
}
