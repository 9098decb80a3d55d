import { Link } from 'react-router';
import { Card, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { AudienceSummary } from './AudienceSummary';
import { MessageActions } from './MessageActions';
import { NotifyTabs } from './NotifyTabs';
import { SeverityTag } from './labels';
import type { Message } from './types';

/** The approval inbox: messages pending approval that the user may decide (never their own). */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const list = useQuery({ queryKey: ['messages', 'awaiting'], queryFn: () => api.get<Message[]>('/messages', { awaitingMe: 'true' }), refetchInterval: 15_000 });
  return (
    <>
      <PageHeader title={t('notify.approvals')} trail={[{ to: '/notifications', label: t('nav.notifications') }]} />
      <NotifyTabs />
      <Card>
        <Typography.Paragraph type="secondary">{t('notify.approvalsHelp')}</Typography.Paragraph>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<Message> rowKey="id" loading={{ spinning: list.isLoading, delay: 250 }} dataSource={list.data} data-testid="approvals-table"
            locale={{ emptyText: <EmptyList description={t('notify.nothingToApprove')} /> }} pagination={false} scroll={{ x: 900 }}
            expandable={{ expandedRowRender: (m) => <pre className="orms-pre">{Object.values(m.content)[0]?.body}</pre> }}
            columns={[
              { title: t('notify.title'), dataIndex: 'title', render: (v: string, m) => <Link to={`/notifications/${m.id}`}>{v}</Link> },
              { title: t('notify.severity'), dataIndex: 'severity', width: 120, render: (s: string) => <SeverityTag severity={s} /> },
              { title: t('notify.audience'), key: 'audience', render: (_, m) => <AudienceSummary audience={m.audience} /> },
              { title: t('notify.draftedBy'), key: 'by', render: (_, m) => `${m.draftedByName ?? '—'}, ${dateTime(m.updatedAt)}` },
              { title: t('notify.decisions'), key: 'n', width: 110, render: (_, m) => `${m.approvals.filter((a) => a.decision === 'approve').length} / ${m.approvalsRequired}` },
              { title: t('common.actions'), key: 'actions', render: (_, m) => <MessageActions message={m} /> },
            ]} />
        )}
      </Card>
    </>
  );
}
