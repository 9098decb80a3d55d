import { Card, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { ContinuityNav } from './ContinuityNav';
import { useNodes } from './hooks';
import { NodeLink, NodeTypeTag } from './labels';
import type { Spof } from './types';

/** Resources whose loss alone leaves processes down for good: no alternate, DR, SLA or counted strategy. */
export default function SpofPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['continuity', 'spof'], queryFn: () => api.get<Spof[]>('/continuity/spof') });
  const items = list.data ?? [];
  const nodes = useNodes([...items.map((s) => s.resourceId), ...items.flatMap((s) => s.brokenProcessIds)]);
  return (
    <>
      <PageHeader title={t('bcSpof.title')} />
      <ContinuityNav area="continuity" />
      <Card>
        <Typography.Paragraph type="secondary">{t('bcSpof.help')}</Typography.Paragraph>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="spof-table" data-ready={String(!list.isFetching && !!list.data)}>
            <Table<Spof> rowKey="resourceId" dataSource={list.data} loading={{ spinning: list.isFetching, delay: 250 }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: <EmptyList description={t('bcSpof.empty')} /> }}
              columns={[
                { title: t('bcSpof.resource'), dataIndex: 'name', render: (name: string, s) => (nodes.get(s.resourceId) ? <NodeLink id={s.resourceId} node={nodes.get(s.resourceId)} /> : name) },
                { title: t('bcDependency.type'), key: 'type', width: 150, render: (_, s) => <NodeTypeTag type={nodes.get(s.resourceId)?.type ?? s.kind} /> },
                { title: t('bcSpof.count'), key: 'count', width: 120, render: (_, s) => s.brokenProcessIds.length },
                { title: t('bcSpof.processes'), key: 'processes', render: (_, s) => s.brokenProcessIds.map((id, i) => <span key={id}>{i > 0 && ', '}<NodeLink inline id={id} node={nodes.get(id)} /></span>) },
              ]} />
          </div>
        )}
      </Card>
    </>
  );
}
