import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * PostgreSQL's bulk load (COPY … FROM STDIN) through Kysely: a statement `copy "t" (…) from stdin`
 * with one parameter, the rows in COPY's text format, is sent as a COPY on the same connection —
 * so it runs inside the caller's transaction like any other query. PostgreSQL parses COPY's text
 * far faster than the same rows as bound arrays or as VALUES.
 */
const COPY_FROM_STDIN = /^copy\s[^;]+\sfrom\s+stdin$/i;

export class CopyingClient extends pg.Client {
  // pg's query() has many overloads; only the two-argument (text, [data]) form of a COPY is taken over.
  override query(...args: any[]): any {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && COPY_FROM_STDIN.test(text) && Array.isArray(values) && values.length === 1 && typeof values[0] === 'string') {
      return copyIn(this, text, values[0]);
    }
    return (super.query as (...a: unknown[]) => unknown)(...args);
  }
}

async function copyIn(client: pg.Client, text: string, data: string): Promise<{ command: string; rowCount: number; rows: never[] }> {
  const stream = client.query(copyFrom(text));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(data);
  });
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
}
