/**
 * A plan's content: sections of rich text (headings, paragraphs, lists, tables) and structured
 * blocks that point at the organization's live data (teams, people), so contact lists and call
 * trees are resolved when the plan is read or printed, never copied.
 */
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'table'; header: string[]; rows: string[][] }
  | { type: 'roles'; entries: { role: string; responsibilities: string; teamId: string | null }[] }
  | { type: 'contacts'; title: string; personIds: string[]; teamIds: string[] }
  | { type: 'checklist'; title: string; items: { text: string; role: string }[] }
  | { type: 'call_tree'; nodes: { personId: string; callerPersonId: string | null }[] };

export interface Section { key: string; heading: string; blocks: Block[] }
export interface PlanContent { sections: Section[] }

/** The ORMS template's standard sections (001 §55), in order. */
export const ORMS_TEMPLATE_SECTIONS: Section[] = [
  { key: 'authority', heading: 'Authority', blocks: [{ type: 'paragraph', text: 'This plan is issued under the authority of the head of the entity and the ORMS policy. It is approved by the crisis management team.' }] },
  { key: 'roles', heading: 'Functional roles and responsibilities', blocks: [{ type: 'roles', entries: [{ role: 'Plan owner', responsibilities: 'Keeps the plan current; leads reviews and exercises.', teamId: null }] }] },
  { key: 'external_links', heading: 'Links to external entities', blocks: [{ type: 'paragraph', text: 'Host-country authorities, the UN country team, emergency services and service providers.' }] },
  { key: 'resources', heading: 'Resource requirements', blocks: [{ type: 'table', header: ['Resource', 'Quantity', 'Where'], rows: [] }] },
  { key: 'incident_reporting', heading: 'Incident identification and reporting', blocks: [{ type: 'list', ordered: true, items: ['Recognize the incident', 'Report it to the security control room', 'Inform the plan owner'] }] },
  { key: 'critical_functions', heading: 'Critical organizational functions', blocks: [{ type: 'paragraph', text: 'The critical business processes of the business impact analysis, with their recovery time objectives.' }] },
  { key: 'activation', heading: 'Activation and deactivation', blocks: [{ type: 'checklist', title: 'On activation', items: [{ text: 'Convene the crisis management team', role: 'Chair' }, { text: 'Account for all staff', role: 'Wardens' }] }] },
  { key: 'after_action', heading: 'After-action requirements', blocks: [{ type: 'paragraph', text: 'An after-action review follows every activation and exercise; findings become corrective actions tracked to closure.' }] },
];

/** People and teams the content refers to, for checking references and resolving names. */
export function referencedIds(c: PlanContent): { personIds: Set<string>; teamIds: Set<string> } {
  const personIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const s of c.sections) {
    for (const b of s.blocks) {
      if (b.type === 'roles') b.entries.forEach((e) => e.teamId && teamIds.add(e.teamId));
      if (b.type === 'contacts') { b.personIds.forEach((id) => personIds.add(id)); b.teamIds.forEach((id) => teamIds.add(id)); }
      if (b.type === 'call_tree') b.nodes.forEach((n) => { personIds.add(n.personId); if (n.callerPersonId) personIds.add(n.callerPersonId); });
    }
  }
  return { personIds, teamIds };
}

export interface Names { person(id: string): string; team(id: string): string }

/** The content as plain lines, one fact a line, so two versions compare line by line. */
export function contentLines(c: PlanContent, names: Names): string[] {
  const out: string[] = [];
  for (const s of c.sections) {
    out.push(`# ${s.heading}`);
    for (const b of s.blocks) {
      switch (b.type) {
        case 'heading': out.push(`${'#'.repeat(b.level + 1)} ${b.text}`); break;
        case 'paragraph': out.push(...b.text.split('\n')); break;
        case 'list': b.items.forEach((it, i) => out.push(`${b.ordered ? `${i + 1}.` : '-'} ${it}`)); break;
        case 'table': out.push(`| ${b.header.join(' | ')} |`, ...b.rows.map((r) => `| ${r.join(' | ')} |`)); break;
        case 'roles': b.entries.forEach((e) => out.push(`Role: ${e.role}${e.teamId ? ` (${names.team(e.teamId)})` : ''}: ${e.responsibilities}`)); break;
        case 'contacts': out.push(`Contacts: ${b.title}`, ...b.personIds.map((id) => `- ${names.person(id)}`), ...b.teamIds.map((id) => `- team ${names.team(id)}`)); break;
        case 'checklist': out.push(`Checklist: ${b.title}`, ...b.items.map((it) => `[ ] ${it.text}${it.role ? ` (${it.role})` : ''}`)); break;
        case 'call_tree': b.nodes.forEach((n) => out.push(`Call: ${n.callerPersonId ? names.person(n.callerPersonId) : 'start'} -> ${names.person(n.personId)}`)); break;
      }
    }
  }
  return out;
}

/** A call tree's nodes as levels from its roots; a node whose caller is not in the tree is a root. */
export function callTreeLevels(nodes: { personId: string; callerPersonId: string | null }[]): { personId: string; depth: number }[] {
  const ids = new Set(nodes.map((n) => n.personId));
  const children = new Map<string | null, string[]>();
  for (const n of nodes) {
    const parent = n.callerPersonId && ids.has(n.callerPersonId) ? n.callerPersonId : null;
    children.set(parent, [...(children.get(parent) ?? []), n.personId]);
  }
  const out: { personId: string; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const id of children.get(parent) ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ personId: id, depth });
      walk(id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
