import { z } from 'zod';

export const inboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const inboxItemOut = z.object({
  id: z.string(), messageId: z.string(), severity: z.string(), language: z.string(), subject: z.string(), body: z.string(),
  createdAt: z.string(), readAt: z.string().nullable(),
  options: z.array(z.string()).describe('Answers asked for (empty when the message is information only)'),
  labels: z.array(z.string()).describe('The answers in the item\'s language'),
  latestAnswer: z.string().nullable(), answeredAt: z.string().nullable(),
});
export const inboxPageOut = z.object({ items: z.array(inboxItemOut), total: z.number(), unread: z.number(), page: z.number(), pageSize: z.number() });
export const inboxAnswerInput = z.strictObject({ answer: z.string().min(1).max(50) });
