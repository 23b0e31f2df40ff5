// The embedded database in a worker thread of its own (docs/decisions/0044): PGlite (PostgreSQL
// compiled to WebAssembly) runs here, behind a PostgreSQL wire-protocol server on a Unix socket,
// so the thread that answers HTTP only sends queries and reads rows. The app connects with the same
// driver as to PostgreSQL. Migrations run here too, on PGlite directly, before the app's first
// query. Messages in: 'migrate' | 'close'; out: { ready } | { migrated } | { closed } | { failed }.
import { rm } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { embeddedStartParams } from './embedded-start-params.js';
import { applyPendingMigrations, listMigrationNames } from './schema-engine.js';

export interface EmbeddedDbThreadData {
  dataDir: string;
  socketPath: string;
  sharedBuffersMb: number;
}

export type EmbeddedDbThreadRequest = 'migrate' | 'close';
export type EmbeddedDbThreadReply =
  | { ready: true }
  | { migrated: string[] }
  | { closed: true }
  | { failed: string; during: 'start' | EmbeddedDbThreadRequest };

const port = parentPort!;
const { dataDir, socketPath, sharedBuffersMb } = workerData as EmbeddedDbThreadData;
const reply = (message: EmbeddedDbThreadReply) => port.postMessage(message);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

let db: PGlite;
let server: PGLiteSocketServer;
try {
  db = new PGlite(dataDir, { startParams: embeddedStartParams(PGlite, sharedBuffersMb) });
  await db.waitReady;
  // A socket left by a process that was killed would make listen fail; the data directory's pid
  // lock (src/core/data-dir.ts) says no live process owns it.
  await rm(socketPath, { force: true });
  // One connection: the server feeds every connection's protocol messages to the one PGlite
  // backend in turn, so two clients' unnamed statements could interleave (the app's pool is 1).
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 2 });
  await server.start();
  reply({ ready: true });
} catch (err) {
  reply({ failed: message(err), during: 'start' });
  process.exit(1);
}

async function migrate(): Promise<string[]> {
  const rows = await db
    .query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    )
    .then(
      (r) => r.rows.map((row) => row.migration_name),
      () => null,
    );
  if (rows && (await listMigrationNames()).every((name) => rows.includes(name))) return [];
  return applyPendingMigrations(new PrismaPGlite(db));
}

port.on('message', (request: EmbeddedDbThreadRequest) => {
  const work =
    request === 'migrate'
      ? migrate().then((names) => reply({ migrated: names }))
      : (async () => {
          await server.stop();
          await db.close();
          await rm(socketPath, { force: true });
          reply({ closed: true });
          port.close();
        })();
  work.catch((err: unknown) => reply({ failed: message(err), during: request }));
});
