import { hash, verify } from '@node-rs/argon2';
import crypto from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 10;

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  if (!hashed) return false;
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A random secret for a session, CSRF token or API token. */
export const randomSecret = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');

/** Secrets are stored only as hashes, so a copy of the database does not grant access. */
export const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

/** A readable password for a generated admin account. */
export const generatePassword = (): string => randomSecret(15);
