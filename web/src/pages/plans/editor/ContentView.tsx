import { useId } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Block, Directory, PlanContent } from '../api';
import { PersonLabel, TeamLabel } from '../pickers';
import { callTreeLevels } from '../../../../../src/domain/plans/content.js';

type Of<T extends Block['type']> = Extract<Block, { type: T }>;

/** A contact list as it is now: names, job titles and contact points from the people database. */
export function ContactsView({ block, directory }: { block: Of<'contacts'>; directory: Directory }) {
  const { t } = useTranslation();
  const people = new Map(directory.people.map((p) => [p.id, p]));
  const person = (id: string, role?: string) => {
    const p = people.get(id);
    return (
      <li key={`${id}-${role ?? ''}`}>
        {p ? <PersonLabel id={id} /> : t('plans.someone')}
        {role && <Typography.Text type="secondary"> · {role}</Typography.Text>}
        {p?.jobTitle && <Typography.Text type="secondary"> — {p.jobTitle}</Typography.Text>}
        {p && p.contacts.length > 0 && <div className="plan-contact-points">{p.contacts.map((c) => <span key={`${c.kind}${c.value}`}>{t(`contactKinds.${c.kind}`, { defaultValue: c.kind })}: <bdi dir="ltr">{c.value}</bdi></span>)}</div>}
      </li>
    );
  };
  return (
    <div className="plan-contacts" data-testid="contacts-view">
      <Typography.Text type="secondary">{t('planBlocks.asOnRecord')}</Typography.Text>
      <ul>{block.personIds.map((id) => person(id))}</ul>
      {block.teamIds.map((tid) => {
        const team = directory.teams.find((x) => x.id === tid);
        return (
          <div key={tid}>
            <Typography.Text strong><TeamLabel id={tid} /></Typography.Text>
            <ul>{(team?.members ?? []).map((m) => person(m.personId, m.role))}</ul>
          </div>
        );
      })}
    </div>
  );
}

export function CallTreePreview({ nodes }: { nodes: Of<'call_tree'>['nodes'] }) {
  const { t } = useTranslation();
  const levels = callTreeLevels(nodes);
  if (levels.length !== nodes.length) return <Typography.Text type="danger">{t('planBlocks.callTreeLoop')}</Typography.Text>;
  return (
    <ul className="plan-call-tree" aria-label={t('planBlocks.callTreeOrder')}>
      {levels.map((l) => <li key={l.personId} style={{ paddingInlineStart: l.depth * 24 }}>{l.depth > 0 && <span aria-hidden>↳ </span>}<PersonLabel id={l.personId} /></li>)}
    </ul>
  );
}

export function BlockView({ block, directory, sectionLevel = 2 }: { block: Block; directory?: Directory | undefined; sectionLevel?: number }) {
  const { t } = useTranslation();
  switch (block.type) {
    case 'heading': return <Typography.Title level={Math.min(5, block.level + sectionLevel) as 3 | 4 | 5}>{block.text}</Typography.Title>;
    case 'paragraph': return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{block.text}</Typography.Paragraph>;
    case 'list': {
      const items = block.items.map((it, i) => <li key={i}>{it}</li>);
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table': return (
      <table className="plan-table">
        <thead><tr>{block.header.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
        <tbody>{block.rows.map((r, i) => <tr key={i}>{block.header.map((_, c) => <td key={c}>{r[c] ?? ''}</td>)}</tr>)}</tbody>
      </table>
    );
    case 'roles': return (
      <table className="plan-table">
        <thead><tr><th scope="col">{t('planBlocks.roleHeader')}</th><th scope="col">{t('planBlocks.teamHeader')}</th><th scope="col">{t('planBlocks.responsibilitiesHeader')}</th></tr></thead>
        <tbody>{block.entries.map((e, i) => <tr key={i}><td>{e.role}</td><td>{e.teamId ? <TeamLabel id={e.teamId} /> : '—'}</td><td style={{ whiteSpace: 'pre-wrap' }}>{e.responsibilities}</td></tr>)}</tbody>
      </table>
    );
    case 'contacts': return (
      <div>
        <Typography.Text strong>{block.title || t('planBlocks.contacts')}</Typography.Text>
        {directory ? <ContactsView block={block} directory={directory} /> : <ul>{block.personIds.map((id) => <li key={id}><PersonLabel id={id} /></li>)}</ul>}
      </div>
    );
    case 'checklist': return (
      <div>
        <Typography.Text strong>{block.title || t('planBlocks.checklist')}</Typography.Text>
        <ul className="plan-checklist">{block.items.map((it, i) => <li key={i}><span aria-hidden>☐ </span>{it.text}{it.role && <Typography.Text type="secondary"> ({it.role})</Typography.Text>}</li>)}</ul>
      </div>
    );
    case 'call_tree': return (
      <div>
        <Typography.Text strong>{t('planBlocks.call_tree')}</Typography.Text>
        <CallTreePreview nodes={block.nodes} />
      </div>
    );
  }
}

/** A version's content read-only, section by section, with contact lists resolved now. */
export function ContentView({ content, directory, sectionLevel = 2 }: { content: PlanContent; directory?: Directory | undefined; sectionLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const uid = useId();
  if (!content.sections.length) return <Typography.Paragraph type="secondary">{t('planEditor.noSections')}</Typography.Paragraph>;
  return (
    <div className="plan-content" data-testid="plan-content">
      {content.sections.map((s, i) => (
        <section key={s.key} aria-labelledby={`${uid}-s${i}`}>
          <Typography.Title level={sectionLevel} id={`${uid}-s${i}`} style={{ fontSize: 20 }}>{i + 1}. {s.heading}</Typography.Title>
          {s.blocks.map((b, j) => <BlockView key={j} block={b} directory={directory} sectionLevel={sectionLevel} />)}
        </section>
      ))}
    </div>
  );
}
