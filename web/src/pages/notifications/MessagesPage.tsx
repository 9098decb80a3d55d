import { Link, useNavigate } from 'react-router';
import { Button, Card, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MESSAGE_STATUSES } from '../../../../src/domain/notify/channels.js';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { NotifyTabs } from './NotifyTabs';
import { SeverityTag, StatusTag } from './labels';
import type { Message } from './types';

/** Message history: every message the user drafted or may approve or send, newest first. */
export default function MessagesPage() {
  const { t } = useTranslation();
  const { dateTime, number } = useFormat();
  const navigate = useNavigate();
  const { get, set } = useUrlParams();
  const filters = { status: get('status'), kind: get('kind') };
  const list = useQuery({ queryKey: ['messages', 'list', filters], queryFn: () => api.get<Message[]>('/messages', filters), refetchInterval: 15_000 });
  return (
    <>
      <PageHeader title={t('nav.notifications')} actions={<Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/notifications/new')}>{t('notify.compose')}</Button>} />
      <NotifyTabs />
      <Card>
        <div className="orms-toolbar" role="search">
          <Select aria-label={t('notify.status')} placeholder={t('notify.status')} allowClear style={{ width: 200 }} value={filters.status}
            onChange={(v) => set({ status: v })} options={MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`notifyStatuses.${s}`) }))} />
          <Select aria-label={t('notify.kind')} placeholder={t('notify.kind')} allowClear style={{ width: 200 }} value={filters.kind}
            onChange={(v) => set({ kind: v })} options={(['message', 'escalation'] as const).map((k) => ({ value: k, label: t(`notify.kinds.${k}`) }))} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="messages-table" data-ready={String(!!list.data && !list.isFetching)}>
            <Table<Message> rowKey="id" loading={{ spinning: list.isLoading, delay: 250 }} dataSource={list.data} scroll={{ x: 900 }}
              locale={{ emptyText: <EmptyList description={t('notify.noMessages')} /> }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('notify.title'), dataIndex: 'title', render: (v: string, m) => <Link to={`/notifications/${m.id}`}>{v}</Link> },
                { title: t('notify.severity'), dataIndex: 'severity', width: 120, render: (s: string) => <SeverityTag severity={s} /> },
                { title: t('notify.status'), dataIndex: 'status', width: 150, render: (s: string) => <StatusTag status={s} /> },
                { title: t('notify.scope'), key: 'scope', render: (_, m) => (m.scope.type === 'org' ? t('notifyScopes.org') : m.scopeName) },
                { title: t('notify.draftedBy'), dataIndex: 'draftedByName' },
                { title: t('notify.created'), dataIndex: 'createdAt', width: 170, render: (d: string) => dateTime(d) },
                { title: t('notify.sent'), dataIndex: 'sentAt', width: 170, render: (d: string | null) => dateTime(d) },
                { title: t('notify.recipients'), dataIndex: 'recipientCount', width: 110, align: 'end', render: (n: number | null) => (n === null ? '—' : number(n)) },
              ]} />
          </div>
        )}
      </Card>
    </>
  );
}
