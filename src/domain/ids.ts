import { v7 } from 'uuid';

/** A new UUIDv7: time-sortable, safe to generate on any node. */
export const newId = (): string => v7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);

/** The current time as the ISO-8601 UTC string stored everywhere. */
export const nowIso = (): string => new Date().toISOString();
