import { z } from 'zod';
import { ROLES, SCOPE_TYPES } from '../../domain/access.js';
import { UN_LANGUAGES } from '../../domain/org.js';

export const email = z.string().trim().toLowerCase().pipe(z.email({ message: 'Not a valid email address' }).max(254));
export const loginBody = z.strictObject({ email: z.string().min(1).max(254), password: z.string().min(1).max(1000) });
export const passwordBody = z.strictObject({ currentPassword: z.string().min(1).max(1000), newPassword: z.string().max(1000) });
export const meBody = z.strictObject({ displayName: z.string().trim().min(1).max(200), language: z.enum(UN_LANGUAGES) }).partial();
export const tokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const grantSchema = z.strictObject({
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeId: z.uuid().nullish().transform((v) => v ?? null),
}).superRefine((g, ctx) => {
  if (g.scopeType === 'org' && g.scopeId) ctx.addIssue({ code: 'custom', path: ['scopeId'], message: 'An organization-wide grant has no scopeId' });
  if (g.scopeType !== 'org' && !g.scopeId) ctx.addIssue({ code: 'custom', path: ['scopeId'], message: `A ${g.scopeType} grant needs the ${g.scopeType}'s id` });
});
export const grantOut = z.object({ role: z.string(), scopeType: z.string(), scopeId: z.string().nullable(), scopeName: z.string().nullable() });
export const userOut = z.object({
  id: z.string(), email: z.string(), displayName: z.string(), personId: z.string().nullable(), language: z.string(),
  disabled: z.boolean(), lockedUntil: z.string().nullable(), grants: z.array(grantOut), createdAt: z.string(),
});
export const meOut = z.object({ user: userOut, csrfToken: z.string().nullable() });
export const tokenOut = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
