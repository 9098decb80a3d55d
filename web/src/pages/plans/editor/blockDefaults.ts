import type { Block, Section } from '../api';

export const BLOCK_TYPES = ['paragraph', 'heading', 'list', 'table', 'roles', 'contacts', 'checklist', 'call_tree'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** A new, empty block of a kind, as the API accepts it. */
export function newBlock(type: BlockType, personId: string | null): Block {
  switch (type) {
    case 'paragraph': return { type, text: '' };
    case 'heading': return { type, level: 2, text: '' };
    case 'list': return { type, ordered: false, items: [] };
    case 'table': return { type, header: ['', ''], rows: [['', '']] };
    case 'roles': return { type, entries: [{ role: '', responsibilities: '', teamId: null }] };
    case 'contacts': return { type, title: '', personIds: [], teamIds: [] };
    case 'checklist': return { type, title: '', items: [{ text: '', role: '' }] };
    case 'call_tree': return { type, nodes: personId ? [{ personId, callerPersonId: null }] : [] };
  }
}

/** A section key unique in the plan (keys are identifiers, not shown). */
export function newSection(existing: Section[], heading: string): Section {
  const keys = new Set(existing.map((s) => s.key));
  let n = existing.length + 1;
  while (keys.has(`section-${n}`)) n++;
  return { key: `section-${n}`, heading, blocks: [{ type: 'paragraph', text: '' }] };
}

/** Field errors of the API ("content.sections.2.blocks.0.nodes") by section and block. */
export function errorsAt(fields: Record<string, string> | undefined, section: number, block?: number): string[] {
  if (!fields) return [];
  const prefix = block === undefined ? `content.sections.${section}.` : `content.sections.${section}.blocks.${block}`;
  return Object.entries(fields).filter(([k]) => (block === undefined ? k.startsWith(prefix) && !k.startsWith(`${prefix}blocks.`) : k === prefix || k.startsWith(`${prefix}.`))).map(([, v]) => v);
}
export const sectionHasErrors = (fields: Record<string, string> | undefined, section: number) =>
  !!fields && Object.keys(fields).some((k) => k.startsWith(`content.sections.${section}.`));
