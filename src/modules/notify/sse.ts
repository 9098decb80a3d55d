import type { FastifyReply, FastifyRequest } from 'fastify';

interface StreamOptions<T> {
  event: string;
  /** The current state; an event goes out whenever its JSON (without `at`) changes. */
  snapshot(): Promise<T & { at?: string }>;
  intervalMs?: number;
  /** Subscribes to a local signal that something changed, for a push sooner than the next poll; returns the unsubscribe. */
  wake?(fire: () => void): () => void;
}

/**
 * A server-sent event stream that polls its snapshot. Polling the database keeps every app node's
 * streams current, whichever node took the change; a local `wake` makes changes made on this node
 * show at once. A comment every 15 s keeps proxies from closing an idle stream.
 */
export async function pollingStream<T>(req: FastifyRequest, reply: FastifyReply, opts: StreamOptions<T>): Promise<void> {
  const key = (s: T & { at?: string }) => { const { at: _at, ...rest } = s; return JSON.stringify(rest); };
  let last = await opts.snapshot();
  let lastKey = key(last);
  reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const write = (s: unknown) => reply.raw.write(`event: ${opts.event}\ndata: ${JSON.stringify(s)}\n\n`);
  write(last);
  let busy = false;
  let closed = false;
  const check = async () => {
    if (busy || closed) return;
    busy = true;
    try {
      const next = await opts.snapshot();
      const nextKey = key(next);
      if (nextKey !== lastKey && !closed) write(next);
      last = next;
      lastKey = nextKey;
    } catch {
      close();
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), opts.intervalMs ?? 500);
  const ping = setInterval(() => reply.raw.write(': ping\n\n'), 15_000);
  const unsubscribe = opts.wake?.(() => void check());
  function close() {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    clearInterval(ping);
    unsubscribe?.();
    reply.raw.end();
  }
  req.raw.on('close', close);
}
