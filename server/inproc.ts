import SqliteDatabase from 'better-sqlite3';
import { createApp } from './src/app.ts';
import { createRuntime } from './src/runtime.ts';
import { loadConfig } from './src/platform/config.ts';
import { hashToken, SESSION_COOKIE } from './src/platform/auth/session.ts';
import { benchUserId } from './src/bench/bulk-seed.ts';
const path = process.argv[2];
const sqlite = new SqliteDatabase(path);
const token = `inproc-${Date.now()}`;
sqlite.prepare('insert into sessions (id, user_id, expires_at, created_at, ip, user_agent) values (?, ?, ?, ?, ?, ?)').run(hashToken(token), benchUserId(7), new Date(Date.now()+86400000*14).toISOString(), new Date().toISOString(), '127.0.0.1','x');
sqlite.close();
const Stmt = Object.getPrototypeOf(new SqliteDatabase(':memory:').prepare('select 1'));
const stats = new Map<string, { n: number; ns: bigint }>();
for (const m of ['all', 'get', 'run', 'iterate']) { const orig = Stmt[m]; Stmt[m] = function (...a: unknown[]) { const t = process.hrtime.bigint(); try { return orig.apply(this, a); } finally { const k = m + ' ' + this.source.slice(0, 140); const e = stats.get(k) ?? { n: 0, ns: 0n }; e.n++; e.ns += process.hrtime.bigint() - t; stats.set(k, e); } }; }
(globalThis as any).__stats = stats;
const config = loadConfig({ ...process.env, DATABASE_PATH: path, LOG_LEVEL: 'error' } as any);
const rt = await createRuntime({ config });
const app = createApp(rt, { turnBudgetEngaged: () => false });
const headers = { cookie: `${SESSION_COOKIE}=${token}`, host: 'localhost:3000' };
let r = await app.fetch(new Request('http://localhost:3000/api/subscriptions', { headers }));
console.log(r.status, (await r.text()).length);
for (let round = 0; round < 4; round++) {
  const N = 20000; const t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) { r = await app.fetch(new Request('http://localhost:3000/api/subscriptions', { headers })); await r.text(); }
  console.log('in-process GET /api/subscriptions', (Number(process.hrtime.bigint() - t) / N / 1000).toFixed(1), 'µs');
}
for (let round = 0; round < 2; round++) {
  const N = 20000; const t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) { r = await app.fetch(new Request('http://localhost:3000/api/health')); await r.text(); }
  console.log('in-process GET /api/health', (Number(process.hrtime.bigint() - t) / N / 1000).toFixed(1), 'µs', r.status);
}
for (const [k, v] of [...stats].sort((a, b) => b[1].n - a[1].n).slice(0, 12)) console.log(v.n, (Number(v.ns) / v.n / 1000).toFixed(1) + 'µs', k);
await rt.close(); process.exit(0);
