import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * PostgreSQL's bulk load (COPY … FROM STDIN) through Kysely: a statement `copy "t" (…) from stdin`
 * with one parameter, the rows in COPY's text format, is sent as a COPY on the same connection —
 * so it runs inside the caller's transaction like any other query. PostgreSQL parses COPY's text
 * far faster than the same rows as bound arrays or as VALUES.
 *
 * The parameter is the whole text, or its parts, made one after another as the server takes them:
 * one statement then streams any number of rows, and the server always has the next part waiting
 * in the socket rather than a statement per part, each waiting for the app to answer it.
 */
export type CopyRows = string | Iterable<string>;

const COPY_FROM_STDIN = /^copy\s[^;]+\sfrom\s+stdin$/i;

export class CopyingClient extends pg.Client {
  // pg's query() has many overloads; only the two-argument (text, [rows]) form of a COPY is taken over.
  override query(...args: any[]): any {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && COPY_FROM_STDIN.test(text) && Array.isArray(values) && values.length === 1 && isCopyRows(values[0])) {
      return copyIn(this, text, values[0]);
    }
    return (super.query as (...a: unknown[]) => unknown)(...args);
  }
}

function isCopyRows(v: unknown): v is CopyRows {
  return typeof v === 'string' || (typeof v === 'object' && v !== null && Symbol.iterator in v);
}

async function copyIn(client: pg.Client, text: string, rows: CopyRows): Promise<{ command: string; rowCount: number; rows: never[] }> {
  const stream = client.query(copyFrom(text));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
  });
  try {
    for (const part of typeof rows === 'string' ? [rows] : rows) {
      if (!stream.write(part)) await Promise.race([once(stream, 'drain'), finished]);
    }
  } catch (e) {
    // A part that could not be made, or the server's refusal: the COPY is abandoned (CopyFail if
    // still open), and the transaction with it.
    stream.destroy(e as Error);
    await finished.catch(() => {});
    throw e;
  }
  stream.end();
  await finished;
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}
