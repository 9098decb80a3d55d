import { useState } from 'react';
import { Button, Card, Space, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RECOVERY_POLICY, type StrategyKind } from '../../../../src/domain/continuity/recovery.js';
import { api, type Page } from '../../api/client';
import { EmptyList, ErrorState } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { StrategyForm } from './StrategyForm';
import { CONTINUITY_KEY, useNodes } from './hooks';
import { NodeLink, StateTag, useHours } from './labels';
import type { Strategy } from './types';

/** The BC strategies of a process with their readiness: what the simulation counts on, and for which losses. */
export function StrategiesCard({ processId, canEdit }: { processId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const hours = useHours();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<Strategy | 'new'>();
  const list = useQuery({ queryKey: ['continuity', 'strategies', { processId }], queryFn: () => api.get<Page<Strategy>>('/continuity/strategies', { processId, pageSize: 200 }) });
  const names = useNodes((list.data?.items ?? []).map((s) => s.resourceId));
  const refresh = () => void qc.invalidateQueries({ queryKey: CONTINUITY_KEY });
  const covers = (kind: string) => (DEFAULT_RECOVERY_POLICY.strategyCovers[kind as StrategyKind] ?? []).map((c) => t(`bc.causes.${c}`, { defaultValue: c })).join(', ');

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('bcStrategy.title')}</Typography.Title>}
      extra={canEdit && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('bcStrategy.create')}</Button>}>
      <Typography.Paragraph type="secondary">{t('bcStrategy.help')}</Typography.Paragraph>
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Strategy> rowKey="id" size="middle" dataSource={list.data?.items} loading={list.isFetching} pagination={false} data-testid="strategies-table"
          locale={{ emptyText: <EmptyList description={t('bcStrategy.empty')} /> }} scroll={{ x: 800 }}
          columns={[
            { title: t('bcStrategy.kind'), dataIndex: 'kind', render: (k: string) => t(`bc.strategyKinds.${k}`, { defaultValue: k }) },
            { title: t('bc.readinessLabel'), dataIndex: 'readiness', width: 120, render: (r: string) => <StateTag group="readiness" value={r} /> },
            { title: t('bc.activation'), dataIndex: 'activationHours', width: 110, render: (h: number) => hours(h) },
            { title: t('bcStrategy.covers'), key: 'covers', render: (_, s) => covers(s.kind) },
            { title: t('bcStrategy.resource'), dataIndex: 'resourceId', render: (id: string | null) => (id ? <NodeLink id={id} node={names.get(id)} /> : '—') },
            { title: t('bcStrategy.description'), dataIndex: 'description', render: (d: string) => d || '—' },
            ...(canEdit ? [{ title: t('common.actions'), key: 'actions', width: 110, render: (_: unknown, s: Strategy) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')}: ${t(`bc.strategyKinds.${s.kind}`)}`} onClick={() => setEditing(s)} />
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')}: ${t(`bc.strategyKinds.${s.kind}`)}`}
                  onClick={() => confirmDelete(t(`bc.strategyKinds.${s.kind}`), `/continuity/strategies/${s.id}`, refresh)} />
              </Space>) }] : []),
          ]} />
      )}
      {editing && <StrategyForm processId={processId} strategy={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </Card>
  );
}
