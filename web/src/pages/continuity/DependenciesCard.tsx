import { useState } from 'react';
import { Button, Card, Space, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, withQuery, type Page } from '../../api/client';
import { CsvExport, CsvImport } from '../../components/CsvImport';
import { EmptyList, ErrorState } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { DependencyForm } from './DependencyForm';
import { CONTINUITY_KEY, useNodes } from './hooks';
import { NodeLink, NodeTypeTag, StateTag, useHours } from './labels';
import type { Dependency } from './types';

export const DEPENDENCY_CSV_COLUMNS = 'from, from_type, to, to_type, needed_within_hours, alternates (ref|readiness|hours; …), note';

/** What a process or application depends on: typed edges with how soon each is needed and its stand-ins. */
export function DependenciesCard({ fromId, fromType, fromName, canEdit }: { fromId: string; fromType: 'process' | 'application'; fromName: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const hours = useHours();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<Dependency | 'new'>();
  const deps = useQuery({ queryKey: ['continuity', 'dependencies', { fromId }], queryFn: () => api.get<Page<Dependency>>('/continuity/dependencies', { fromId, pageSize: 500 }) });
  const users = useQuery({ queryKey: ['continuity', 'dependencies', { toId: fromId }], queryFn: () => api.get<Page<Dependency>>('/continuity/dependencies', { toId: fromId, pageSize: 500 }) });
  const items = deps.data?.items ?? [];
  const names = useNodes([...items.flatMap((d) => [d.toId, ...d.alternates.map((a) => a.nodeId)]), ...(users.data?.items ?? []).map((d) => d.fromId)]);
  const refresh = () => void qc.invalidateQueries({ queryKey: CONTINUITY_KEY });

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('bcDependency.title')}</Typography.Title>}
      extra={<Space wrap>
        {canEdit && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('bcDependency.create')}</Button>}
        {canEdit && <CsvImport path="/continuity/dependencies/import" columns={DEPENDENCY_CSV_COLUMNS} label={t('bcDependency.import')} onDone={refresh} />}
        <CsvExport href={withQuery('/api/v1/continuity/dependencies/export.csv', { fromId })} label={t('csv.export')} />
      </Space>}>
      {deps.error ? <ErrorState error={deps.error} onRetry={() => void deps.refetch()} /> : (
        <Table<Dependency> rowKey="id" size="middle" dataSource={deps.data?.items} loading={deps.isFetching} pagination={false} data-testid="dependencies-table"
          locale={{ emptyText: <EmptyList description={t('bcDependency.empty')} /> }} scroll={{ x: 900 }}
          columns={[
            { title: t('bcDependency.to'), dataIndex: 'toId', render: (id: string) => <NodeLink id={id} node={names.get(id)} /> },
            { title: t('bcDependency.type'), dataIndex: 'toType', width: 140, render: (ty: string) => <NodeTypeTag type={ty} /> },
            { title: t('bcDependency.neededWithin'), dataIndex: 'neededWithinHours', width: 130, render: (h: number) => (h === 0 ? t('bcDependency.immediately') : hours(h)) },
            { title: t('bcDependency.what'), dataIndex: 'note', render: (n: string) => n || '—' },
            { title: t('bcDependency.alternates'), dataIndex: 'alternates', render: (_: unknown, d) => (d.alternates.length ? (
              <Space orientation="vertical" size={2}>
                {d.alternates.map((a) => <span key={a.nodeId}><NodeLink inline id={a.nodeId} node={names.get(a.nodeId)} /> <StateTag group="readiness" value={a.readiness} /> {hours(a.activationHours)}</span>)}
              </Space>) : <Typography.Text type="secondary">{t('bcDependency.noAlternate')}</Typography.Text>) },
            ...(canEdit ? [{ title: t('common.actions'), key: 'actions', width: 110, render: (_: unknown, d: Dependency) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')}: ${names.get(d.toId)?.name ?? d.toId}`} onClick={() => setEditing(d)} />
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')}: ${names.get(d.toId)?.name ?? d.toId}`}
                  onClick={() => confirmDelete(t('bcDependency.one', { from: fromName, to: names.get(d.toId)?.name ?? '' }), `/continuity/dependencies/${d.id}`, refresh)} />
              </Space>) }] : []),
          ]} />
      )}
      {!!users.data?.items.length && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="needed-by">
          {t('bcDependency.neededBy')}{' '}
          {users.data.items.map((d, i) => <span key={d.id}>{i > 0 && ', '}<NodeLink inline id={d.fromId} node={names.get(d.fromId)} /> ({hours(d.neededWithinHours)})</span>)}
        </Typography.Paragraph>
      )}
      {editing && <DependencyForm fromId={fromId} fromType={fromType} dependency={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </Card>
  );
}
