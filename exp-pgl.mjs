import { PGlite, protocol, parse } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
const { serialize } = protocol;
fs.rmSync('/tmp/pgl-exp', { recursive: true, force: true });
const db = new PGlite('/tmp/pgl-exp');
await db.waitReady;
await db.exec(`CREATE TABLE c (id uuid primary key, org uuid, status text, received timestamptz, a int, b int, d text, e text, f text, g text);
CREATE INDEX ON c(org,status); CREATE INDEX ON c(org,received); CREATE INDEX ON c(a,b); CREATE INDEX ON c(status,received); CREATE INDEX ON c(d); CREATE INDEX ON c(e,org); CREATE INDEX ON c(f); CREATE INDEX ON c(g,a);`);
const org = randomUUID(); const ids = [];
for (let i = 0; i < 3000; i++) { const id = randomUUID(); ids.push(id); await db.query('INSERT INTO c VALUES ($1,$2,$3,now(),$4,$5,$6,$7,$8,$9)', [id, org, 'open', i, i, 'x'+i, 'y', 'z'+i, 'w']); }
const SEL = 'SELECT id, org, status, received, a, b, d FROM c WHERE id = $1';
const UPD = 'UPDATE c SET a = a + 1, status = $2 WHERE id = $1 RETURNING id, a';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
async function plain(sql, params) { return db.query(sql, params); }
const prepared = new Map(); let n = 0;
async function named(sql, params) {
  let name = prepared.get(sql);
  if (!name) {
    name = 's' + n++;
    await db.execProtocolStream(serialize.parse({ name, text: sql }), { syncToFs: false });
    await db.execProtocolStream(serialize.sync(), { syncToFs: false });
    prepared.set(sql, name);
  }
  const msgs = [...await db.execProtocolStream(concat([serialize.bind({ statement: name, values: params.map(String) }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]), { syncToFs: false })];
  return parse.parseResults(msgs, db.parsers)[0];
}
function concat(list) { const out = new Uint8Array(list.reduce((s, b) => s + b.length, 0)); let o = 0; for (const b of list) { out.set(b, o); o += b.length; } return out; }
for (const round of [1, 2]) for (const [label, fn] of [['plain', plain], ['named', named]]) for (const [qn, q, mk] of [['select', SEL, (id) => [id]], ['update', UPD, (id) => [id, 'open']]]) {
  const N = 2000; const t0 = cpu(); let r;
  for (let i = 0; i < N; i++) r = await fn(q, mk(ids[i % 3000]));
  console.log(round, label, qn, ((cpu() - t0) / N * 1000).toFixed(1), 'µs', JSON.stringify(r.rows[0]).slice(0, 80));
}
await db.close();
