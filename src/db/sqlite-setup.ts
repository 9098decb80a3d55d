import type SQLite from 'better-sqlite3';

/** The settings of every connection ORMS opens on an SQLite database (the main one and its threads'). */
export function configureSqlite(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A 64 MB page cache (default 2 MB) keeps the hot tables of a blast — recipients, deliveries, their
  // indexes — in memory: without it every answer reads its pages back from the OS.
  sqlite.pragma('cache_size = -65536');
  // SQLite's lower() folds ASCII only; text search must match 'Кения' with 'кения' as PostgreSQL does.
  sqlite.function('lower', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v));
  // The WAL is copied back by connect()'s checkpoint thread, not by whichever commit crosses a size.
  if (!sqlite.memory) sqlite.pragma('wal_autocheckpoint = 0');
}
