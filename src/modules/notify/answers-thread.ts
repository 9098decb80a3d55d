import type { Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import type { Database } from '../../db/types.js';
import { onSqliteClose, sqliteOf, sqliteTransaction } from '../../db/sqlite-direct.js';
import { siblingModule, startThread, stopThread } from '../../threads.js';
import { recordAnswersSqlite, type AnswerIn, type AnswerOutcome } from './sqlite-answers.js';

export type AnswersReply = { id: number; outcomes: AnswerOutcome[]; error?: undefined } | { id: number; error: { message: string; code?: string | undefined } };
type Pending = Map<number, { resolve: (v: AnswerOutcome[]) => void; reject: (e: Error) => void }>;

/**
 * Writes a batch of answers on SQLite (recordAnswersSqlite, in one transaction). For a database
 * file, on a thread with a connection of its own: the SQLite work of a burst of answers (a third
 * of an answer's cost) runs beside the main thread, which reads the requests. Meanwhile the main
 * connection is held, as for a write of its own, so no query of the main thread runs, or holds a
 * transaction open, between the thread's: the thread's writes never find the database busy, and
 * the main thread's transactions never see another connection's commit in their midst.
 */
export function recordAnswers(db: Kysely<Database>, batch: AnswerIn[]): Promise<AnswerOutcome[]> {
  const sqlite = sqliteOf(db);
  if (!sqlite || sqlite.memory) return sqliteTransaction(db, (s) => recordAnswersSqlite(s, batch));
  return db.connection().execute(() => threadOf(sqlite).record(batch));
}

/** Whether recordAnswers() writes on a thread (an SQLite file), leaving the main thread free meanwhile. */
export function answersOnThread(db: Kysely<Database>): boolean {
  const sqlite = sqliteOf(db);
  return !!sqlite && !sqlite.memory;
}

const threads = new WeakMap<SQLite.Database, ReturnType<typeof answersThread>>();

function threadOf(sqlite: SQLite.Database) {
  let t = threads.get(sqlite);
  if (!t) {
    const thread = answersThread(sqlite.name);
    threads.set(sqlite, thread);
    onSqliteClose(sqlite, thread.close);
    t = thread;
  }
  return t;
}

function answersThread(file: string) {
  let current: { worker: Worker; pending: Pending } | undefined;
  let next = 0;
  const start = () => {
    const worker = startThread(siblingModule(import.meta.url, 'answers-worker'), { file });
    worker.unref();
    const self = { worker, pending: new Map() as Pending };
    worker.on('message', (r: AnswersReply) => {
      const p = self.pending.get(r.id);
      self.pending.delete(r.id);
      if (!self.pending.size) worker.unref(); // an idle thread does not keep the process alive
      if (r.error) p?.reject(Object.assign(new Error(r.error.message), { code: r.error.code }));
      else p?.resolve(r.outcomes);
    });
    // A thread that dies fails the batch it had (nothing of it was committed); the next batch starts another.
    const fail = (e: Error) => {
      if (current === self) current = undefined;
      for (const p of self.pending.values()) p.reject(e);
      self.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Answers thread exited with code ${code}`)));
    return self;
  };
  return {
    record: (batch: AnswerIn[]) => new Promise<AnswerOutcome[]>((resolve, reject) => {
      current ??= start();
      const id = next++;
      current.worker.postMessage({ id, batch });
      current.worker.ref();
      current.pending.set(id, { resolve, reject });
    }),
    close: async () => {
      const c = current;
      current = undefined;
      if (c) await stopThread(c.worker);
    },
  };
}
