import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Input, Select, Space, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CheckCircleOutlined, CloudUploadOutlined, DeleteOutlined, ExclamationCircleOutlined, LoadingOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../components/states';
import { useFormat } from '../../../i18n/format';
import type { Block, Directory, PlanContent, PlanVersionDetail, Section } from '../api';
import { useAreaRights } from '../rights';
import { BLOCK_TYPES, errorsAt, newBlock, newSection, sectionHasErrors, type BlockType } from './blockDefaults';
import { CallTreeEditor, ChecklistEditor, ContactsEditor, HeadingEditor, ListEditor, ParagraphEditor, RolesEditor, TableEditor } from './blocks';
import { dropBackup, readBackup, useAutosave, type SaveState } from './useAutosave';

const move = <T,>(list: T[], from: number, to: number) => {
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x!);
  return next;
};

/** What the autosave is doing, announced politely to screen readers. */
function SaveStatus({ state, onRetry }: { state: SaveState; onRetry(): void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const describe = useErrorMessage();
  let body: ReactNode;
  switch (state.kind) {
    case 'saved': body = <><CheckCircleOutlined style={{ color: '#389e0d' }} /> {t('planEditor.saved', { at: dateTime(state.at) })}</>; break;
    case 'pending': body = <><CloudUploadOutlined /> {t('planEditor.pending')}</>; break;
    case 'saving': body = <><LoadingOutlined /> {t('planEditor.saving')}</>; break;
    case 'error': body = (
      <Space wrap>
        <Typography.Text type="danger"><ExclamationCircleOutlined /> {t('planEditor.notSaved', { why: describe(state.error) })}</Typography.Text>
        <Button size="small" onClick={onRetry}>{t('planEditor.retry')}</Button>
      </Space>
    );
  }
  return <div role="status" aria-live="polite" data-testid="save-state" data-state={state.kind} className="plan-save-state">{body}</div>;
}

function BlockEditor({ block, onChange, n, directory }: { block: Block; onChange(b: Block): void; n: number; directory?: Directory | undefined }) {
  const p = { onChange: onChange as never, n, directory };
  switch (block.type) {
    case 'paragraph': return <ParagraphEditor block={block} {...p} />;
    case 'heading': return <HeadingEditor block={block} {...p} />;
    case 'list': return <ListEditor block={block} {...p} />;
    case 'table': return <TableEditor block={block} {...p} />;
    case 'roles': return <RolesEditor block={block} {...p} />;
    case 'contacts': return <ContactsEditor block={block} {...p} />;
    case 'checklist': return <ChecklistEditor block={block} {...p} />;
    case 'call_tree': return <CallTreeEditor block={block} {...p} />;
  }
}

function SectionEditor({ section, index, count, onChange, onMove, onRemove, fields, directory }: {
  section: Section; index: number; count: number; onChange(s: Section): void; onMove(to: number): void; onRemove(): void;
  fields?: Record<string, string> | undefined; directory?: Directory | undefined;
}) {
  const { t } = useTranslation();
  const { personId } = useAreaRights();
  const [adding, setAdding] = useState<BlockType>('paragraph');
  const setBlock = (j: number, b: Block) => onChange({ ...section, blocks: section.blocks.map((x, k) => (k === j ? b : x)) });
  const own = errorsAt(fields, index);
  return (
    <section aria-labelledby="plan-section-editing" data-testid="section-editor">
      <Typography.Title level={2} id="plan-section-editing" style={{ fontSize: 18 }}>{t('planEditor.sectionN', { n: index + 1, heading: section.heading || t('planEditor.untitled') })}</Typography.Title>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input aria-label={t('planEditor.sectionHeading')} value={section.heading} maxLength={300} status={own.length ? 'error' : undefined}
          onChange={(e) => onChange({ ...section, heading: e.target.value })} />
        <Tooltip title={t('planEditor.moveSectionUp')}><Button icon={<ArrowUpOutlined />} aria-label={t('planEditor.moveSectionUp')} disabled={index === 0} onClick={() => onMove(index - 1)} /></Tooltip>
        <Tooltip title={t('planEditor.moveSectionDown')}><Button icon={<ArrowDownOutlined />} aria-label={t('planEditor.moveSectionDown')} disabled={index === count - 1} onClick={() => onMove(index + 1)} /></Tooltip>
        <Tooltip title={t('planEditor.removeSection')}><Button danger icon={<DeleteOutlined />} aria-label={t('planEditor.removeSection')} onClick={onRemove} /></Tooltip>
      </Space.Compact>
      {own.map((m) => <Alert key={m} type="error" showIcon title={m} style={{ marginBottom: 8 }} />)}
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {section.blocks.map((b, j) => {
          const errs = errorsAt(fields, index, j);
          return (
            <Card key={`${section.key}-${j}-${b.type}`} size="small" data-testid={`block-${j}`} data-type={b.type}
              title={<span>{t(`planBlocks.${b.type}`)}</span>}
              extra={<Space size={4}>
                <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('planEditor.moveBlockUp', { n: j + 1 })} disabled={j === 0} onClick={() => onChange({ ...section, blocks: move(section.blocks, j, j - 1) })} />
                <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('planEditor.moveBlockDown', { n: j + 1 })} disabled={j === section.blocks.length - 1} onClick={() => onChange({ ...section, blocks: move(section.blocks, j, j + 1) })} />
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('planEditor.removeBlock', { n: j + 1 })} onClick={() => onChange({ ...section, blocks: section.blocks.filter((_, k) => k !== j) })} />
              </Space>}>
              <BlockEditor block={b} n={j + 1} onChange={(x) => setBlock(j, x)} directory={directory} />
              {errs.map((m) => <Typography.Paragraph key={m} type="danger" role="alert" style={{ marginTop: 8, marginBottom: 0 }}>{m}</Typography.Paragraph>)}
            </Card>
          );
        })}
        <Space.Compact>
          <Select aria-label={t('planEditor.blockType')} style={{ width: 240 }} value={adding} onChange={setAdding}
            options={BLOCK_TYPES.map((bt) => ({ value: bt, label: t(`planBlocks.${bt}`) }))} />
          <Button icon={<PlusOutlined />} onClick={() => onChange({ ...section, blocks: [...section.blocks, newBlock(adding, personId)] })}>{t('planEditor.addBlock')}</Button>
        </Space.Compact>
        <Typography.Text type="secondary">{t(`planBlocks.help_${adding}`)}</Typography.Text>
      </Space>
    </section>
  );
}

/**
 * The editor of a draft version: sections on the side, the chosen section's blocks in the middle;
 * every change is saved by itself (see useAutosave), and `toolbar` gets a flush for actions such
 * as submitting, which need the text on the server first.
 */
export function PlanEditor({ version, directory, onSaved, toolbar }: {
  version: PlanVersionDetail; directory?: Directory | undefined; onSaved(v: PlanVersionDetail): void;
  toolbar?(flush: () => Promise<boolean>): ReactNode;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { dateTime } = useFormat();
  const { content, update, state, flush, unsaved } = useAutosave(version, onSaved);
  const [active, setActive] = useState(0);
  const [backup, setBackup] = useState(() => readBackup(version.id, version.content));
  // A restored copy replaces the blocks' own typing state too.
  const [generation, setGeneration] = useState(0);
  const fields = state.kind === 'error' ? state.fields : undefined;
  const sections = content.sections;
  const current = Math.min(active, Math.max(0, sections.length - 1));
  const setSections = (next: Section[]) => update({ sections: next } satisfies PlanContent);

  const removeSection = (i: number) => modal.confirm({
    title: t('planEditor.removeSectionTitle', { heading: sections[i]?.heading }), content: t('planEditor.removeSectionBody'),
    okText: t('planEditor.removeSection'), okButtonProps: { danger: true }, cancelText: t('common.cancel'),
    onOk: () => { setSections(sections.filter((_, k) => k !== i)); setActive(Math.max(0, i - 1)); },
  });
  const flushed = async () => { await flush(); return !unsaved(); };

  return (
    <div className="plan-editor" data-testid="plan-editor">
      <div className="plan-editor-bar">
        <SaveStatus state={state} onRetry={() => void flush()} />
        {toolbar?.(flushed)}
      </div>
      {backup && (
        <Alert type="warning" showIcon role="alert" style={{ marginBottom: 12 }} data-testid="backup-found" title={t('planEditor.backupFound', { at: dateTime(backup.at) })}
          action={<Space>
            <Button size="small" type="primary" onClick={() => { update(backup.content); setBackup(null); setGeneration((g) => g + 1); }}>{t('planEditor.restore')}</Button>
            <Button size="small" onClick={() => { dropBackup(version.id); setBackup(null); }}>{t('planEditor.discard')}</Button>
          </Space>} />
      )}
      <div className="plan-editor-body">
        <nav aria-label={t('planEditor.sections')} className="plan-section-nav">
          <ol>
            {sections.map((s, i) => (
              <li key={s.key}>
                <Button type={i === current ? 'primary' : 'text'} block aria-current={i === current ? 'true' : undefined} onClick={() => setActive(i)}
                  danger={sectionHasErrors(fields, i)} className="plan-section-link">
                  {i + 1}. {s.heading || t('planEditor.untitled')}
                </Button>
              </li>
            ))}
          </ol>
          <Button icon={<PlusOutlined />} block onClick={() => { setSections([...sections, newSection(sections, t('planEditor.newSection'))]); setActive(sections.length); }}>
            {t('planEditor.addSection')}
          </Button>
        </nav>
        <div className="plan-editor-main">
          {sections[current] ? (
            <SectionEditor key={`${sections[current].key}-${generation}`} section={sections[current]} index={current} count={sections.length} fields={fields} directory={directory}
              onChange={(s) => setSections(sections.map((x, k) => (k === current ? s : x)))}
              onMove={(to) => { setSections(move(sections, current, to)); setActive(to); }}
              onRemove={() => removeSection(current)} />
          ) : <Typography.Paragraph type="secondary">{t('planEditor.noSections')}</Typography.Paragraph>}
        </div>
      </div>
    </div>
  );
}
