import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  /** Session lifetime in milliseconds. */
  sessionTtlMs: number;
  /** Whether the session cookie is sent only over HTTPS. */
  secureCookies: boolean;
  logLevel: string;
  /** The address people use to reach this server (response links in messages). */
  publicUrl: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${env.PORT}`);
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    dataDir: path.resolve(env.ORMS_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.ORMS_ADMIN_PASSWORD || undefined,
    sessionTtlMs: Number(env.ORMS_SESSION_HOURS ?? 12) * 3600_000,
    secureCookies: env.ORMS_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: env.ORMS_PUBLIC_URL ?? `http://localhost:${port}`,
  };
}
