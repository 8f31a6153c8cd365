import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { Db, Queryable } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { openStore } from '../src/store/open.js';
import { splitSql } from '../src/store/sql-split.js';
import { backends, type BackendEnv } from './helpers/backends.js';

const TABLES = [
  'apps',
  'events',
  'facial_ids',
  'node_keys',
  'schema_migrations',
  'sign_on_devices',
  'sign_on_lockouts',
  'sign_on_used_proofs',
  'sign_on_users',
  'sign_on_verifications',
  'templates',
  'webhook_deliveries',
];

const insertApp = async (q: Queryable, publicId = `app_${randomUUID()}`): Promise<string> => {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO apps (public_id, name, api_key_hash, secret_hash, pin_pepper) VALUES ($1, 'Test', $2, 'h', $3) RETURNING id`,
    [publicId, `key_${publicId}`, randomBytes(32)],
  );
  return rows[0]!.id;
};

const countApps = async (q: Queryable, id: string) => (await q.query<{ n: number }>('SELECT count(*) AS n FROM apps WHERE id = $1', [id])).rows[0]!.n;

/** The JS type a driver gave each column: what application code actually sees. */
const typeOf = (v: unknown): string => {
  if (v === null) return 'null';
  if (Buffer.isBuffer(v)) return 'Buffer';
  if (v instanceof Date) return 'Date';
  if (Array.isArray(v)) return `array<${v.map(typeOf).join(',')}>`;
  return typeof v;
};
const typesOf = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeOf(v)]));

function migrationsDir(files: Record<string, string>): { url: URL; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'openfaceio-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return { url: pathToFileURL(`${dir}/`), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

for (const backend of backends()) {
  describe(backend.name, () => {
    let env: BackendEnv;
    let db: Db;
    before(async () => {
      env = await backend.open();
      db = env.db;
    });
    after(() => env.close());

    describe('migrations', () => {
      test('apply once into a fresh database; running them again is a no-op', async () => {
        const fresh = await backend.open({ migrate: false });
        try {
          assert.equal(fresh.db.kind, backend.name === 'pglite+memory' ? 'pglite' : 'postgres');
          assert.deepEqual(await migrate(fresh.db), [1, 2, 3]);
          assert.deepEqual(await migrate(fresh.db), []);
          const { rows } = await fresh.db.query<{ version: number; name: string; applied_at: Date }>(
            'SELECT * FROM schema_migrations ORDER BY version',
          );
          assert.deepEqual(
            rows.map((r) => [r.version, r.name]),
            [
              [1, 'init'],
              [2, 'sign_on'],
              [3, 'console'],
            ],
          );
          assert.ok(rows[0]!.applied_at instanceof Date);
          const tables = await fresh.db.query<{ table_name: string }>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
          );
          assert.deepEqual(
            tables.rows.map((r) => r.table_name),
            TABLES,
          );
        } finally {
          await fresh.close();
        }
      });

      test('two nodes migrating the same database at once apply each migration exactly once', async () => {
        const fresh = await backend.open({ migrate: false });
        try {
          const other = await fresh.secondNode();
          const [a, b] = await Promise.all([migrate(fresh.db), migrate(other.db)]);
          assert.deepEqual([...a, ...b].sort(), [1, 2, 3]);
          const { rows } = await other.db.query('SELECT version FROM schema_migrations');
          assert.equal(rows.length, 3);
        } finally {
          await fresh.close();
        }
      });

      test('run in version order, each in its own transaction: a failing one leaves no trace and stops the rest', async () => {
        const fresh = await backend.open({ migrate: false });
        const dir = migrationsDir({
          '10_third.sql': 'CREATE TABLE c (id int);',
          '2_second.sql': "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\nINSERT INTO missing_table VALUES ('x;y');",
          '1_first.sql': "-- a; comment\nCREATE TABLE a (id int, note text DEFAULT 'semi;colon');\nINSERT INTO a (id) VALUES (1);",
        });
        try {
          await assert.rejects(migrate(fresh.db, dir.url), /missing_table/);
          const tables = await fresh.db.query<{ t: string }>(
            "SELECT table_name AS t FROM information_schema.tables WHERE table_name IN ('a', 'b', 'c')",
          );
          assert.deepEqual(
            tables.rows.map((r) => r.t),
            ['a'],
          );
          const { rows } = await fresh.db.query<{ note: string }>('SELECT note FROM a');
          assert.deepEqual(rows, [{ note: 'semi;colon' }]);
          const ledger = await fresh.db.query<{ version: number }>('SELECT version FROM schema_migrations');
          assert.deepEqual(ledger.rows, [{ version: 1 }]);
        } finally {
          dir.remove();
          await fresh.close();
        }
      });
    });

    describe('transactions', () => {
      test('a callback that throws rolls back every write and rethrows', async () => {
        let appId = '';
        await assert.rejects(
          db.transaction(async (tx) => {
            appId = await insertApp(tx);
            assert.equal(await countApps(tx, appId), 1); // visible inside
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await countApps(db, appId), 0);
      });

      test('a failed statement whose error the callback swallowed makes the commit fail (25P02), not silently roll back', async () => {
        let appId = '';
        await assert.rejects(
          db.transaction(async (tx) => {
            appId = await insertApp(tx);
            await tx.query('SELECT * FROM no_such_table').catch(() => undefined);
          }),
          { code: '25P02' },
        );
        assert.equal(await countApps(db, appId), 0);
      });

      test('commits what the callback wrote and resolves to its value', async () => {
        const appId = await db.transaction(async (tx) => insertApp(tx));
        assert.equal(await countApps(db, appId), 1);
      });

      test('a tx kept past its transaction refuses to run', async () => {
        let leaked: Queryable | undefined;
        await db.transaction(async (tx) => {
          leaked = tx;
        });
        await assert.rejects(leaked!.query('SELECT 1'), /Transaction is closed/);
      });
    });

    describe('types', () => {
      test('every column reads back as the same JS type on both back ends', async () => {
        const appId = await db
          .query<{ id: string }>(
            `INSERT INTO apps (public_id, name, api_key_hash, secret_hash, origins, settings, pin_pepper)
           VALUES ($1, 'Shop', $2, 'h', $3, $4, $5) RETURNING id`,
            [
              `pub_${randomUUID()}`,
              `key_${randomUUID()}`,
              ['https://a.example', 'https://b.example'],
              JSON.stringify({ pad: { level: 2 } }),
              randomBytes(32),
            ],
          )
          .then((r) => r.rows[0]!.id);
        const facialId = randomUUID();
        await db.query('INSERT INTO facial_ids (id, app_id, payload, pin_hash, pin_digest, gender, age) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          facialId,
          appId,
          JSON.stringify({ user: 'u1', tags: [1, 2] }),
          'argon',
          'digest',
          'f',
          31.5,
        ]);
        await db.query('INSERT INTO templates (facial_id, app_id, vector) VALUES ($1, $2, $3)', [facialId, appId, new Float32Array(512)]);
        await db.query("INSERT INTO events (app_id, kind, outcome, code, duration_ms) VALUES ($1, 'auth', 'ok', 0, 1250)", [appId]);
        await db.query(
          `INSERT INTO webhook_deliveries (app_id, event, url, body, idempotency_key, last_status, last_error, delivered_at)
           VALUES ($1, 'enroll', 'https://hook.example', $2, $3, 200, 'none', $4)`,
          [appId, JSON.stringify([{ n: 1 }]), randomUUID(), new Date('2024-05-06T07:08:09.123Z')],
        );
        const read = async (table: string) => (await db.query(`SELECT * FROM ${table} WHERE app_id = $1`, [appId])).rows[0]!;
        const app = (await db.query('SELECT * FROM apps WHERE id = $1', [appId])).rows[0]!;

        const D = 'Date',
          S = 'string',
          N = 'number';
        assert.deepEqual(typesOf(app), {
          id: S,
          public_id: S,
          name: S,
          status: S,
          api_key_hash: S,
          secret_hash: S,
          origins: 'array<string,string>',
          settings: 'object',
          pin_pepper: 'Buffer',
          created_at: D,
        });
        const facial = await read('facial_ids');
        assert.deepEqual(typesOf(facial), {
          id: S,
          app_id: S,
          payload: 'object',
          pin_hash: S,
          pin_digest: S,
          gender: S,
          age: N,
          created_at: D,
          last_seen_at: D,
        });
        const template = await read('templates');
        assert.deepEqual(typesOf(template), { id: N, facial_id: S, app_id: S, vector: 'Buffer', created_at: D });
        assert.deepEqual(typesOf(await read('events')), { id: N, app_id: S, kind: S, outcome: S, code: N, at: D, duration_ms: N });
        const delivery = await read('webhook_deliveries');
        assert.deepEqual(typesOf(delivery), {
          id: S,
          app_id: S,
          event: S,
          url: S,
          body: 'array<object>',
          idempotency_key: S,
          status: S,
          attempts: N,
          next_attempt_at: D,
          last_status: N,
          last_error: S,
          created_at: D,
          delivered_at: D,
        });

        // …and the same values.
        assert.deepEqual(app.origins, ['https://a.example', 'https://b.example']);
        assert.deepEqual(app.settings, { pad: { level: 2 } });
        assert.equal((app.pin_pepper as Buffer).length, 32);
        assert.deepEqual(facial.payload, { user: 'u1', tags: [1, 2] });
        assert.equal(facial.age, 31.5);
        assert.ok(Math.abs((facial.created_at as Date).getTime() - Date.now()) < 60_000);
        assert.deepEqual(delivery.body, [{ n: 1 }]);
        assert.equal((delivery.delivered_at as Date).toISOString(), '2024-05-06T07:08:09.123Z');

        const scalars = await db.query("SELECT count(*) AS n, '2024-02-29'::date AS day, 9007199254740993::int8 AS big, 1.5::numeric AS dec");
        assert.deepEqual(scalars.rows[0], { n: 1, day: '2024-02-29', big: 9007199254740993n, dec: '1.5' });
      });

      test('a 512-float template round-trips through bytea bit for bit', async () => {
        const vector = new Float32Array(512).map(() => (Math.random() - 0.5) * 4);
        vector.set([0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4028234663852886e38, -1.1754943508222875e-38]);
        const appId = await insertApp(db);
        const facialId = randomUUID();
        await db.query('INSERT INTO facial_ids (id, app_id) VALUES ($1, $2)', [facialId, appId]);
        await db.query('INSERT INTO templates (facial_id, app_id, vector) VALUES ($1, $2, $3), ($1, $2, $4)', [
          facialId,
          appId,
          vector,
          Buffer.from(vector.buffer),
        ]);
        const { rows } = await db.query<{ vector: Buffer }>('SELECT vector FROM templates WHERE facial_id = $1 ORDER BY id', [facialId]);
        const sent = Buffer.from(vector.buffer);
        assert.equal(rows.length, 2);
        for (const row of rows) {
          assert.equal(row.vector.length, 2048);
          assert.ok(row.vector.equals(sent), 'bytes differ');
          const back = new Float32Array(new Uint8Array(row.vector).buffer);
          assert.ok(Object.is(back[1], -0) && Number.isNaN(back[4]) && back[5] === vector[5]);
        }
      });

      test('affectedRows counts rows written, and is 0 for a SELECT', async () => {
        const appId = await insertApp(db);
        const inserted = await db.query("INSERT INTO events (app_id, kind, outcome) VALUES ($1, 'a', 'ok'), ($1, 'a', 'ok'), ($1, 'b', 'ok')", [
          appId,
        ]);
        assert.equal(inserted.affectedRows, 3);
        assert.equal((await db.query("UPDATE events SET outcome = 'fail' WHERE app_id = $1 AND kind = 'a'", [appId])).affectedRows, 2);
        const selected = await db.query('SELECT * FROM events WHERE app_id = $1', [appId]);
        assert.equal(selected.rows.length, 3);
        assert.equal(selected.affectedRows, 0);
        assert.equal((await db.query('DELETE FROM events WHERE app_id = $1', [appId])).affectedRows, 3);
      });

      test('constraint violations carry their SQLSTATE code', async () => {
        const publicId = `dup_${randomUUID()}`;
        await insertApp(db, publicId);
        await assert.rejects(insertApp(db, publicId), { code: '23505' });
        await assert.rejects(db.query("UPDATE apps SET status = 'gone' WHERE public_id = $1", [publicId]), { code: '23514' });
        await assert.rejects(db.query('INSERT INTO facial_ids (id, app_id) VALUES ($1, $2)', [randomUUID(), randomUUID()]), { code: '23503' });
      });

      test('several statements in one query are refused on both (one statement per query)', async () => {
        await assert.rejects(db.query('SELECT 1; SELECT 2'), /multiple commands/);
      });

      test('defaults, and deleting an app cascades to everything it owns', async () => {
        const appId = await insertApp(db);
        const { rows } = await db.query('SELECT status, origins, settings FROM apps WHERE id = $1', [appId]);
        assert.deepEqual(rows[0], { status: 'active', origins: [], settings: {} });
        const facialId = randomUUID();
        await db.query('INSERT INTO facial_ids (id, app_id) VALUES ($1, $2)', [facialId, appId]);
        await db.query('INSERT INTO templates (facial_id, app_id, vector) VALUES ($1, $2, $3)', [facialId, appId, Buffer.alloc(8)]);
        await db.query("INSERT INTO webhook_deliveries (app_id, event, url, body, idempotency_key) VALUES ($1, 'e', 'u', '{}', $2)", [
          appId,
          randomUUID(),
        ]);
        assert.equal((await db.query('DELETE FROM apps WHERE id = $1', [appId])).affectedRows, 1);
        for (const table of ['facial_ids', 'templates', 'webhook_deliveries']) {
          const left = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE app_id = $1`, [appId]);
          assert.equal(left.rows[0]!.n, 0, table);
        }
      });
    });
  });
}

describe('pglite: one caller at a time', () => {
  let env: BackendEnv;
  before(async () => {
    env = await backends()[0]!.open();
  });
  after(() => env.close());

  test('two concurrent transactions run one after the other, never interleaved', async () => {
    const log: string[] = [];
    const work = (name: string) =>
      env.db.transaction(async (tx) => {
        log.push(`${name}:begin`);
        await tx.query('SELECT 1');
        await sleep(10); // yield to the other caller mid-transaction
        await insertApp(tx);
        log.push(`${name}:end`);
      });
    await Promise.all([work('a'), work('b')]);
    assert.deepEqual(log, ['a:begin', 'a:end', 'b:begin', 'b:end']);
  });

  test("another caller's query waits for an open transaction and then sees its commit", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const publicId = `wait_${randomUUID()}`;
    const transaction = env.db.transaction(async (tx) => {
      await insertApp(tx, publicId);
      entered();
      await gate;
    });
    await inside;
    let answered = false;
    const read = env.db.query<{ n: number }>('SELECT count(*) AS n FROM apps WHERE public_id = $1', [publicId]).then((r) => {
      answered = true;
      return r.rows[0]!.n;
    });
    await sleep(30);
    assert.equal(answered, false, 'the query ran inside the open transaction');
    release();
    await transaction;
    assert.equal(await read, 1);
  });

  test('db.query inside a transaction callback fails fast instead of deadlocking', async () => {
    await assert.rejects(
      env.db.transaction(() => env.db.query('SELECT 1')),
      /use the tx passed to the callback/,
    );
    assert.equal((await env.db.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one, 1);
  });

  test('a data directory keeps its rows and schema across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openfaceio-pglite-'));
    try {
      const first = await openStore({ dataDir: join(dir, 'db') });
      assert.equal(first.kind, 'pglite');
      const appId = await insertApp(first);
      await first.close();
      const again = await openStore({ dataDir: join(dir, 'db') });
      assert.deepEqual(await migrate(again), []);
      assert.equal(await countApps(again, appId), 1);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('splitSql', () => {
  test('splits on semicolons outside strings, identifiers, dollar quotes and comments', () => {
    const script = `
      -- header; with a semicolon
      CREATE TABLE "we;ird" (note text DEFAULT 'it''s; fine');
      /* block; /* nested; */ still comment; */
      INSERT INTO t VALUES (E'back\\'slash;', $1);
      CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
      DO $$ BEGIN PERFORM 1; END $$
      ;; -- trailing`;
    assert.deepEqual(splitSql(script), [
      `-- header; with a semicolon\n      CREATE TABLE "we;ird" (note text DEFAULT 'it''s; fine')`,
      `/* block; /* nested; */ still comment; */\n      INSERT INTO t VALUES (E'back\\'slash;', $1)`,
      'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql',
      'DO $$ BEGIN PERFORM 1; END $$',
    ]);
  });
});
