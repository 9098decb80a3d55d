import { useState, type ReactNode } from 'react';
import { Button, Input, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PersonSelect } from '../../../components/pickers';
import type { Block, Directory } from '../api';
import { PersonLabel, RemoteSelect } from '../pickers';
import { CallTreePreview, ContactsView } from './ContentView';

type Of<T extends Block['type']> = Extract<Block, { type: T }>;
interface Props<T extends Block['type']> { block: Of<T>; onChange(b: Of<T>): void; n: number; directory?: Directory | undefined }

/** A small labelled row: label above, input(s), and a remove button at the end. */
function Row({ children, onRemove, removeLabel }: { children: ReactNode; onRemove?(): void; removeLabel: string }) {
  return (
    <div className="plan-block-row">
      <div className="plan-block-row-fields">{children}</div>
      {onRemove && <Tooltip title={removeLabel}><Button size="small" icon={<DeleteOutlined />} aria-label={removeLabel} onClick={onRemove} /></Tooltip>}
    </div>
  );
}

const without = <T,>(list: T[], i: number) => list.filter((_, k) => k !== i);
const replaced = <T,>(list: T[], i: number, v: T) => list.map((x, k) => (k === i ? v : x));

export function ParagraphEditor({ block, onChange, n }: Props<'paragraph'>) {
  const { t } = useTranslation();
  return <Input.TextArea aria-label={t('planBlocks.paragraphText', { n })} autoSize={{ minRows: 3, maxRows: 30 }} maxLength={50_000}
    value={block.text} onChange={(e) => onChange({ ...block, text: e.target.value })} placeholder={t('planBlocks.paragraphPlaceholder')} />;
}

export function HeadingEditor({ block, onChange, n }: Props<'heading'>) {
  const { t } = useTranslation();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select aria-label={t('planBlocks.headingLevel', { n })} style={{ width: 150 }} value={block.level} onChange={(level) => onChange({ ...block, level })}
        options={[1, 2, 3].map((l) => ({ value: l as 1 | 2 | 3, label: t('planBlocks.level', { l }) }))} />
      <Input aria-label={t('planBlocks.headingText', { n })} maxLength={300} value={block.text} onChange={(e) => onChange({ ...block, text: e.target.value })} />
    </Space.Compact>
  );
}

/** One item a line: the text as typed is kept here, so blank lines being typed don't vanish. */
export function ListEditor({ block, onChange, n }: Props<'list'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(block.items.join('\n'));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Switch size="small" checked={block.ordered} onChange={(ordered) => onChange({ ...block, ordered })} aria-label={t('planBlocks.numbered', { n })} />
        <span>{t('planBlocks.numberedShort')}</span>
      </Space>
      <Input.TextArea aria-label={t('planBlocks.listItems', { n })} autoSize={{ minRows: 3, maxRows: 30 }} value={text}
        onChange={(e) => { setText(e.target.value); onChange({ ...block, items: e.target.value.split('\n').map((x) => x.trim()).filter(Boolean) }); }} />
      <Typography.Text type="secondary">{t('planBlocks.listHelp')}</Typography.Text>
    </Space>
  );
}

export function TableEditor({ block, onChange, n }: Props<'table'>) {
  const { t } = useTranslation();
  const cols = block.header.length;
  const setCell = (r: number, c: number, v: string) => onChange({ ...block, rows: block.rows.map((row, i) => (i === r ? replaced(row, c, v) : row)) });
  return (
    <div className="plan-table-editor">
      <table>
        <caption className="sr-only">{t('planBlocks.tableCaption', { n })}</caption>
        <thead>
          <tr>
            {block.header.map((h, c) => (
              <th key={c} scope="col">
                <Space.Compact>
                  <Input aria-label={t('planBlocks.columnHeading', { c: c + 1 })} value={h} maxLength={300}
                    onChange={(e) => onChange({ ...block, header: replaced(block.header, c, e.target.value) })} />
                  {cols > 1 && <Button icon={<DeleteOutlined />} aria-label={t('planBlocks.removeColumn', { c: c + 1 })}
                    onClick={() => onChange({ header: without(block.header, c), rows: block.rows.map((r) => without(r, c)), type: 'table' })} />}
                </Space.Compact>
              </th>
            ))}
            <td />
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              {Array.from({ length: cols }, (_, c) => (
                <td key={c}><Input aria-label={t('planBlocks.cell', { r: r + 1, c: c + 1 })} value={row[c] ?? ''} maxLength={5000} onChange={(e) => setCell(r, c, e.target.value)} /></td>
              ))}
              <td><Button size="small" icon={<DeleteOutlined />} aria-label={t('planBlocks.removeRow', { r: r + 1 })} onClick={() => onChange({ ...block, rows: without(block.rows, r) })} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <Space>
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...block, rows: [...block.rows, Array.from({ length: cols }, () => '')] })}>{t('planBlocks.addRow')}</Button>
        <Button size="small" icon={<PlusOutlined />} disabled={cols >= 20} onClick={() => onChange({ ...block, header: [...block.header, ''], rows: block.rows.map((r) => [...r, '']) })}>{t('planBlocks.addColumn')}</Button>
      </Space>
    </div>
  );
}

export function RolesEditor({ block, onChange }: Props<'roles'>) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Of<'roles'>['entries'][number]>) => onChange({ ...block, entries: replaced(block.entries, i, { ...block.entries[i]!, ...patch }) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {block.entries.map((e, i) => (
        <Row key={i} removeLabel={t('planBlocks.removeRole', { i: i + 1 })} onRemove={() => onChange({ ...block, entries: without(block.entries, i) })}>
          <Input aria-label={t('planBlocks.role', { i: i + 1 })} placeholder={t('planBlocks.rolePlaceholder')} value={e.role} maxLength={300} onChange={(x) => set(i, { role: x.target.value })} style={{ maxWidth: 260 }} />
          <RemoteSelect source="team" aria-label={t('planBlocks.roleTeam', { i: i + 1 })} placeholder={t('planBlocks.roleTeamPlaceholder')} style={{ width: 240 }}
            value={e.teamId} onChange={(teamId) => set(i, { teamId })} />
          <Input.TextArea aria-label={t('planBlocks.responsibilities', { i: i + 1 })} placeholder={t('planBlocks.responsibilitiesPlaceholder')} autoSize={{ minRows: 1, maxRows: 8 }}
            value={e.responsibilities} maxLength={10_000} onChange={(x) => set(i, { responsibilities: x.target.value })} />
        </Row>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...block, entries: [...block.entries, { role: '', responsibilities: '', teamId: null }] })}>{t('planBlocks.addRole')}</Button>
    </Space>
  );
}

export function ContactsEditor({ block, onChange, n, directory }: Props<'contacts'>) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input aria-label={t('planBlocks.contactsTitle', { n })} placeholder={t('planBlocks.contactsTitlePlaceholder')} value={block.title} maxLength={300} onChange={(e) => onChange({ ...block, title: e.target.value })} />
      {block.personIds.map((id, i) => (
        <Row key={`${id}-${i}`} removeLabel={t('planBlocks.removePerson', { i: i + 1 })} onRemove={() => onChange({ ...block, personIds: without(block.personIds, i) })}>
          <PersonSelect aria-label={t('planBlocks.person', { i: i + 1 })} style={{ width: 360 }} value={id} allowClear={false}
            onChange={(v) => v && onChange({ ...block, personIds: replaced(block.personIds, i, v) })} />
        </Row>
      ))}
      <AddPerson label={t('planBlocks.addPerson')} exclude={block.personIds} onAdd={(id) => onChange({ ...block, personIds: [...block.personIds, id] })} />
      {block.teamIds.map((id, i) => (
        <Row key={`${id}-${i}`} removeLabel={t('planBlocks.removeTeam', { i: i + 1 })} onRemove={() => onChange({ ...block, teamIds: without(block.teamIds, i) })}>
          <RemoteSelect source="team" aria-label={t('planBlocks.team', { i: i + 1 })} style={{ width: 360 }} value={id} allowClear={false}
            onChange={(v) => v && onChange({ ...block, teamIds: replaced(block.teamIds, i, v) })} />
        </Row>
      ))}
      <AddTeam label={t('planBlocks.addTeam')} onAdd={(id) => onChange({ ...block, teamIds: [...block.teamIds, id] })} />
      <Typography.Text type="secondary">{t('planBlocks.contactsHelp')}</Typography.Text>
      {directory && (block.personIds.length > 0 || block.teamIds.length > 0) && <ContactsView block={block} directory={directory} />}
    </Space>
  );
}

/** A person picker that adds the chosen person and clears itself. */
function AddPerson({ label, onAdd, exclude = [] }: { label: string; onAdd(id: string): void; exclude?: string[] }) {
  const [key, setKey] = useState(0);
  return <PersonSelect key={key} aria-label={label} placeholder={label} style={{ width: 360 }} value={null}
    onChange={(v) => { if (v && !exclude.includes(v)) onAdd(v); setKey((k) => k + 1); }} />;
}
function AddTeam({ label, onAdd }: { label: string; onAdd(id: string): void }) {
  const [key, setKey] = useState(0);
  return <RemoteSelect key={key} source="team" aria-label={label} placeholder={label} style={{ width: 360 }} value={null}
    onChange={(v) => { if (v) onAdd(v); setKey((k) => k + 1); }} />;
}

export function ChecklistEditor({ block, onChange, n }: Props<'checklist'>) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Of<'checklist'>['items'][number]>) => onChange({ ...block, items: replaced(block.items, i, { ...block.items[i]!, ...patch }) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input aria-label={t('planBlocks.checklistTitle', { n })} placeholder={t('planBlocks.checklistTitlePlaceholder')} value={block.title} maxLength={300} onChange={(e) => onChange({ ...block, title: e.target.value })} />
      {block.items.map((it, i) => (
        <Row key={i} removeLabel={t('planBlocks.removeItem', { i: i + 1 })} onRemove={block.items.length > 1 ? () => onChange({ ...block, items: without(block.items, i) }) : undefined}>
          <Input aria-label={t('planBlocks.item', { i: i + 1 })} placeholder={t('planBlocks.itemPlaceholder')} value={it.text} maxLength={2000} onChange={(e) => set(i, { text: e.target.value })} />
          <Input aria-label={t('planBlocks.itemRole', { i: i + 1 })} placeholder={t('planBlocks.itemRolePlaceholder')} value={it.role} maxLength={300} onChange={(e) => set(i, { role: e.target.value })} style={{ maxWidth: 220 }} />
        </Row>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...block, items: [...block.items, { text: '', role: '' }] })}>{t('planBlocks.addItem')}</Button>
      <Typography.Text type="secondary">{t('planBlocks.checklistHelp')}</Typography.Text>
    </Space>
  );
}

export function CallTreeEditor({ block, onChange }: Props<'call_tree'>) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Of<'call_tree'>['nodes'][number]>) => onChange({ ...block, nodes: replaced(block.nodes, i, { ...block.nodes[i]!, ...patch }) });
  const inTree = block.nodes.map((x) => x.personId);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {block.nodes.map((node, i) => (
        <Row key={`${node.personId}-${i}`} removeLabel={t('planBlocks.removeCaller', { i: i + 1 })}
          onRemove={() => onChange({ ...block, nodes: without(block.nodes, i).map((x) => (x.callerPersonId === node.personId ? { ...x, callerPersonId: node.callerPersonId } : x)) })}>
          <PersonSelect aria-label={t('planBlocks.callee', { i: i + 1 })} style={{ width: 300 }} value={node.personId} allowClear={false}
            onChange={(v) => v && onChange({ ...block, nodes: block.nodes.map((x, k) => (k === i ? { ...x, personId: v } : x.callerPersonId === node.personId ? { ...x, callerPersonId: v } : x)) })} />
          <Select aria-label={t('planBlocks.calledBy', { i: i + 1 })} style={{ width: 260 }} value={node.callerPersonId ?? ''}
            onChange={(v: string) => set(i, { callerPersonId: v || null })}
            options={[{ value: '', label: t('planBlocks.startsCalls') }, ...inTree.filter((p) => p !== node.personId).map((p) => ({ value: p, label: <PersonLabel id={p} link={false} /> }))]} />
        </Row>
      ))}
      <AddPerson label={t('planBlocks.addCallee')} exclude={inTree}
        onAdd={(id) => onChange({ ...block, nodes: [...block.nodes, { personId: id, callerPersonId: block.nodes[0]?.personId ?? null }] })} />
      <Typography.Text type="secondary">{t('planBlocks.callTreeHelp')}</Typography.Text>
      {block.nodes.length > 0 && <CallTreePreview nodes={block.nodes} />}
    </Space>
  );
}

