import { useState } from 'react';
import { Button, Card, Empty, List, Segmented, Space, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, useErrorMessage } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { SeverityTag } from './labels';
import type { InboxItem, InboxPage as Page } from './types';

function Item({ item, onChanged }: { item: InboxItem; onChanged(): void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const describe = useErrorMessage();
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const answer = async (a: string) => {
    setBusy(a);
    setProblem(undefined);
    try { await api.post(`/notify/inbox/${item.id}/answer`, { answer: a }); onChanged(); } catch (e) { setProblem(describe(e)); } finally { setBusy(undefined); }
  };
  const read = async () => { if (!item.readAt) { await api.post(`/notify/inbox/${item.id}/read`).catch(() => undefined); onChanged(); } };
  const dir = item.language === 'ar' ? 'rtl' : undefined;
  return (
    <List.Item data-testid="inbox-item" data-unread={String(!item.readAt)} onClick={() => void read()}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <SeverityTag severity={item.severity} />
          <Typography.Text strong={!item.readAt} lang={item.language} dir={dir}>{item.subject}</Typography.Text>
          <Typography.Text type="secondary">{dateTime(item.createdAt)}</Typography.Text>
          {!item.readAt && <Button size="small" type="link" onClick={(e) => { e.stopPropagation(); void read(); }}>{t('notifyInbox.markRead')}</Button>}
        </Space>
        <pre className="orms-pre" lang={item.language} dir={dir}>{item.body}</pre>
        {item.options.length > 0 && (
          <div role="group" aria-label={t('notifyInbox.yourAnswer')}>
            <Space wrap>
              {item.options.map((o, i) => (
                <Button key={o} type={item.latestAnswer === o ? 'primary' : 'default'} danger={i === 1} loading={busy === o} aria-pressed={item.latestAnswer === o}
                  onClick={(e) => { e.stopPropagation(); void answer(o); }} lang={item.language}>{item.labels[i] ?? o}</Button>
              ))}
              {item.latestAnswer && <Typography.Text type="secondary">{t('notifyInbox.answered', { at: dateTime(item.answeredAt) })}</Typography.Text>}
            </Space>
            {problem && <Typography.Text type="danger" role="alert">{problem}</Typography.Text>}
          </div>
        )}
      </Space>
    </List.Item>
  );
}

/** The user's in-app notifications, newest first, answerable in place; the top bar's bell keeps it live. */
export default function InboxPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const q = useQuery({
    queryKey: ['inbox', show, page],
    queryFn: () => api.get<Page>('/notify/inbox', { page, pageSize: 20, unread: show === 'unread' ? 'true' : undefined }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['inbox'] });
  return (
    <>
      <PageHeader title={t('notifyInbox.title')} actions={<Button disabled={!q.data?.unread} onClick={() => void api.post('/notify/inbox/read-all').then(refresh)}>{t('notifyInbox.readAll')}</Button>} />
      <Card>
        <Segmented value={show} onChange={(v) => { setShow(v as 'all' | 'unread'); setPage(1); }} style={{ marginBottom: 12 }}
          options={[{ value: 'all', label: t('notifyInbox.all') }, { value: 'unread', label: t('notifyInbox.unread', { n: q.data?.unread ?? 0 }) }]} />
        {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : (
          <List<InboxItem> loading={q.isLoading} dataSource={q.data?.items} data-testid="inbox-list"
            locale={{ emptyText: <Empty description={t('notifyInbox.empty')} /> }}
            pagination={q.data && q.data.total > 20 ? { current: page, pageSize: 20, total: q.data.total, onChange: setPage } : false}
            renderItem={(item) => <Item item={item} onChanged={refresh} />} />
        )}
      </Card>
    </>
  );
}
