import { z } from 'zod';
import { CHANNELS, SEVERITIES, content, responseOptions } from './schema.js';

const variableName = z.string().regex(/^[A-Za-z_][\w.]*$/, 'Letters, digits, _ and . only, starting with a letter');

export const templateInput = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(200),
  severity: z.enum(SEVERITIES).default('advisory'),
  content,
  variables: z.record(variableName, z.string().max(1000)).default({})
    .describe('Every {{placeholder}} of the text, with the value a message starts with (may be empty)'),
  responseOptions,
  channels: z.array(z.enum(CHANNELS)).min(1).max(CHANNELS.length).default(['email']),
});
// Leaving a field out of a PATCH leaves it as it is: the defaults of a new template do not apply.
export const templatePatch = templateInput.partial().extend({
  severity: templateInput.shape.severity.unwrap().optional(),
  variables: templateInput.shape.variables.unwrap().optional(),
  channels: templateInput.shape.channels.unwrap().optional(),
});

export const templateOut = z.object({
  id: z.string(), name: z.string(), severity: z.string(),
  content: z.record(z.string(), z.object({ subject: z.string(), body: z.string(), options: z.array(z.string()).optional() })),
  variables: z.record(z.string(), z.string()), responseOptions: z.array(z.string()).nullable(), channels: z.array(z.string()),
  createdAt: z.string(), updatedAt: z.string(),
});
