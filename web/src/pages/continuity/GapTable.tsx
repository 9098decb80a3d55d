import { Link } from 'react-router';
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyList } from '../../components/states';
import { useHours } from './labels';
import type { Gap } from './types';

/** RTO/RPO gaps, worst first as the server orders them: unbounded (nothing restores the chain) on top. */
export function GapTable({ items, loading, total, page, pageSize, onPage, showProcess = true, testId = 'gaps-table' }: {
  items: Gap[] | undefined; loading: boolean; total?: number; page?: number; pageSize?: number; onPage?(p: number, s: number): void; showProcess?: boolean; testId?: string;
}) {
  const { t } = useTranslation();
  const hours = useHours();
  return (
    <div data-testid={testId} data-ready={String(!loading && !!items)}>
      <Table<Gap> rowKey={(g) => `${g.processId}:${g.dependencyId}:${g.measure}`} size="middle" dataSource={items} loading={{ spinning: loading, delay: 250 }} scroll={{ x: 900 }}
        locale={{ emptyText: <EmptyList description={t('bcGaps.empty')} /> }}
        pagination={onPage ? { current: page, pageSize, total, showSizeChanger: true, onChange: onPage } : false}
        columns={[
          ...(showProcess ? [{ title: t('bcGaps.process'), dataIndex: 'processName', render: (v: string, g: Gap) => <Link to={`/continuity/processes/${g.processId}`}>{v}</Link> }] : []),
          { title: t('bcGaps.measure'), dataIndex: 'measure', width: 80, render: (m: string) => <Tag>{m.toUpperCase()}</Tag> },
          { title: t('bcGaps.dependency'), dataIndex: 'dependencyName' },
          { title: t('bcGaps.required'), dataIndex: 'requiredHours', width: 110, render: (h: number) => hours(h) },
          { title: t('bcGaps.deliverable'), dataIndex: 'deliverableHours', width: 130, render: (h: number | null) => (h === null ? <Typography.Text type="danger">{t('bcGaps.never')}</Typography.Text> : hours(h)) },
          { title: t('bcGaps.gap'), dataIndex: 'gapHours', width: 110, render: (h: number | null) => <Typography.Text type="danger" strong data-gap={h ?? 'unbounded'}>{h === null ? '∞' : `+${hours(h)}`}</Typography.Text> },
          { title: t('bcGaps.limiting'), dataIndex: 'limitingName', render: (v: string) => v },
        ]} />
    </div>
  );
}
