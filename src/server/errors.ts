import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** Field path (dot-separated) → what is wrong with it. */
export type FieldErrors = Record<string, string>;

/** An error the API reports to the client as `{error:{code,message,fields?}}`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    /** More machine-readable detail, e.g. the per-row report of a CSV import. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: FieldErrors) => new AppError(400, 'invalid_input', message, fields);
export const unauthorized = (message = 'Authentication required') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, fields?: FieldErrors) => new AppError(409, 'conflict', message, fields);

interface ZodIssueLike { instancePath: string; message: string; keyword: string; params: { keys?: string[] } }

function zodFields(context: string | undefined, issues: ZodIssueLike[]): FieldErrors {
  const fields: FieldErrors = {};
  const prefix = context && context !== 'body' ? `${context}.` : '';
  for (const issue of issues) {
    const base = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    if (issue.keyword === 'unrecognized_keys' && issue.params.keys) {
      for (const key of issue.params.keys) fields[prefix + (base ? `${base}.${key}` : key)] = 'Unknown field';
    } else {
      fields[prefix + (base || '(root)')] = issue.message;
    }
  }
  return fields;
}

/** Unique and foreign-key violations from either database, as client errors. */
function constraintError(err: { code?: unknown; message?: string }): AppError | undefined {
  const code = String(err.code ?? '');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') {
    return conflict('A record with the same unique value already exists');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return conflict('The record is referenced by, or refers to, another record that prevents this change');
  }
  return undefined;
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return reply.code(err.status).send({ error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), ...err.extra } });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = zodFields(err.validationContext, err.validation as unknown as ZodIssueLike[]);
    return reply.code(400).send({ error: { code: 'invalid_input', message: `Invalid ${err.validationContext ?? 'request'}: ${Object.keys(fields).join(', ')}`, fields } });
  }
  const constraint = constraintError(err);
  if (constraint) return reply.code(constraint.status).send({ error: { code: constraint.code, message: constraint.message } });
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, oversize body, unsupported media type, rate limit.
    const code = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large'
      : err.statusCode === 429 ? 'rate_limited'
      : err.statusCode === 415 ? 'unsupported_media_type' : 'invalid_input';
    return reply.code(err.statusCode).send({ error: { code, message: err.message } });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'internal', message: 'Internal server error' } });
}
