import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { configureSqlite } from '../../db/sqlite-setup.js';
import { recordAnswersSqlite, type AnswerIn } from './sqlite-answers.js';
import type { AnswersReply } from './answers-thread.js';

// The thread of answersThread(): a connection of its own to the SQLite file, one transaction per batch.
const sqlite = new SQLite((workerData as { file: string }).file);
configureSqlite(sqlite);
const record = sqlite.transaction((batch: AnswerIn[]) => recordAnswersSqlite(sqlite, batch));
const reply = (r: AnswersReply) => parentPort!.postMessage(r);
parentPort!.on('message', (m: { id: number; batch: AnswerIn[] } | 'stop') => {
  if (m === 'stop') { sqlite.close(); parentPort!.close(); return; }
  try {
    reply({ id: m.id, outcomes: record(m.batch) });
  } catch (e) {
    reply({ id: m.id, error: { message: (e as Error).message, code: (e as { code?: string }).code } });
  }
});
