import type { FastifyRequest } from 'fastify';

/**
 * Links that sign in by themselves — a response link, a calendar feed — carry their token in the
 * path. Whoever reads the logs must not be able to use them, so the token never reaches a log line.
 */
const TOKEN_IN_PATH = /^((?:\/api\/v1)?\/(?:respond|exercises\/feed)\/)[^/?#]+/;
export const withoutTokens = (url: string): string => url.replace(TOKEN_IN_PATH, '$1…');

/** Fastify's request serializer, with the URL's token removed. */
export const logSerializers = {
  req: (req: FastifyRequest) => ({
    method: req.method, url: withoutTokens(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort,
  }),
};
