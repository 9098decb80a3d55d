import type SQLite from 'better-sqlite3';
import type { DialectAdapter, Kysely } from 'kysely';

/**
 * SQLite's driver under Kysely, for the few hot paths where Kysely's per-query cost (building,
 * compiling and preparing a statement every time) is larger than SQLite's own work: answers
 * arriving by the thousand per second. Statements are prepared once per connection and reused.
 */
// By the adapter, which a Kysely instance shares with its transactions.
const handles = new WeakMap<DialectAdapter, SQLite.Database>();
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** Called by connect() for every SQLite database it opens. */
export function registerSqlite(db: Kysely<any>, sqlite: SQLite.Database): void {
  handles.set(db.getExecutor().adapter, sqlite);
}

const closing = new WeakMap<SQLite.Database, (() => Promise<void>)[]>();

/** Runs `fn` when the database is closed (before its connection is): for threads with connections of their own to it. */
export function onSqliteClose(sqlite: SQLite.Database, fn: () => Promise<void>): void {
  closing.set(sqlite, [...(closing.get(sqlite) ?? []), fn]);
}

/** Called by connect()'s close. */
export async function closeSqlite(sqlite: SQLite.Database): Promise<void> {
  const fns = closing.get(sqlite) ?? [];
  closing.delete(sqlite);
  await Promise.all(fns.map((fn) => fn()));
}

/** The prepared statement for this SQL on this connection (prepared on first use). */
export function prepared(sqlite: SQLite.Database, sql: string): SQLite.Statement {
  let cache = statements.get(sqlite);
  if (!cache) { cache = new Map(); statements.set(sqlite, cache); }
  let s = cache.get(sql);
  if (!s) { s = sqlite.prepare(sql); cache.set(sql, s); }
  return s;
}

/** The driver under db (a Kysely instance or one of its transactions), if connect() opened it on SQLite. */
export function sqliteOf(db: Kysely<any>): SQLite.Database | undefined {
  return handles.get(db.getExecutor().adapter);
}

/**
 * Runs fn in one SQLite transaction on the driver itself, synchronously, while holding Kysely's
 * single connection: no other query can slip into this transaction, nor this one into another.
 * Given a Kysely transaction (which holds the connection already), fn runs in a savepoint of it.
 * A throw rolls it back.
 */
export function sqliteTransaction<T>(db: Kysely<any>, fn: (sqlite: SQLite.Database) => T): Promise<T> {
  const sqlite = sqliteOf(db);
  if (!sqlite) return Promise.reject(new Error('Not an SQLite database opened by connect()'));
  const run = async () => sqlite.transaction(() => fn(sqlite))();
  return db.isTransaction ? run() : db.connection().execute(run);
}
