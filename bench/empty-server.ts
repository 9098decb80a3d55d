import Fastify from 'fastify';

/** The baseline for ingest rates: a Fastify route that does nothing, in its own process. */
const app = Fastify({ logger: false });
app.post('/empty/:token', async () => ({ ok: true }));
app.listen({ port: Number(process.argv[2] ?? 18099), host: '127.0.0.1' }).then(() => process.send?.('ready'));
