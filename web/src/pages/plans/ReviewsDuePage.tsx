import { Link } from 'react-router';
import { App, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import { byId, useDutyStations } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, useErrorMessage } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import type { Plan, Reminder } from './api';
import { PlansNav } from './PlansNav';
import { PlanStatusTag, ReviewFlags } from './tags';
import { PersonLabel } from './pickers';
import { useDay } from './format';

const VIEWS = ['due', 'overdue', 'flagged'] as const;
type View = (typeof VIEWS)[number];
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Reviews falling due in the next 90 days (overdue first), overdue ones, plans flagged for review, and the user's reminders. */
export default function ReviewsDuePage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const day = useDay();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const qc = useQueryClient();
  const { get, set } = useUrlParams();
  const view = (VIEWS as readonly string[]).includes(get('view') ?? '') ? get('view') as View : 'due';
  const query = view === 'due' ? { reviewDueBefore: inDays(90), sort: 'reviewDue', pageSize: 200 }
    : view === 'overdue' ? { reviewOverdue: 'true', sort: 'reviewDue', pageSize: 200 } : { flaggedForReview: 'true', sort: 'reviewDue', pageSize: 200 };
  const plans = useQuery({ queryKey: ['plans', 'list', query], queryFn: () => api.get<Page<Plan>>('/plans', query), placeholderData: keepPreviousData });
  const reminders = useQuery({ queryKey: ['plan-reminders'], queryFn: () => api.get<Reminder[]>('/plan-reminders') });
  const stations = byId(useDutyStations(!!plans.data).data);
  const markRead = async (r: Reminder) => {
    try { await api.post(`/plan-reminders/${r.id}/read`); await qc.invalidateQueries({ queryKey: ['plan-reminders'] }); } catch (e) { message.error(describe(e), 6); }
  };
  const unread = (reminders.data ?? []).filter((r) => !r.readAt);

  return (
    <>
      <PageHeader title={t('planReview.title')} trail={[{ to: '/plans', label: t('nav.plans') }]} />
      <PlansNav />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('planReview.plans')}</Typography.Title>}>
          <Typography.Paragraph type="secondary">{t('planReview.help')}</Typography.Paragraph>
          <Segmented aria-label={t('planReview.view')} value={view} onChange={(v) => set({ view: v === 'due' ? null : String(v) })} style={{ marginBottom: 12 }}
            options={VIEWS.map((v) => ({ value: v, label: t(`planReview.views.${v}`) }))} />
          {plans.error ? <ErrorState error={plans.error} onRetry={() => void plans.refetch()} /> : (
            <div data-testid="reviews-table" data-ready={String(!!plans.data && !plans.isFetching && !plans.isPlaceholderData)}>
              <Table<Plan> rowKey="id" dataSource={plans.data?.items} loading={plans.isFetching} pagination={{ pageSize: 50, hideOnSinglePage: true }}
                locale={{ emptyText: <EmptyList description={t('planReview.nothing')} /> }}
                columns={[
                  { title: t('plans.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/plans/${r.id}`}>{v}</Link> },
                  { title: t('plans.status'), dataIndex: 'status', width: 130, render: (s: string) => <PlanStatusTag status={s} /> },
                  { title: t('plans.dutyStation'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                  { title: t('plans.owner'), dataIndex: 'ownerPersonId', render: (id: string) => <PersonLabel id={id} /> },
                  { title: t('plans.reviewDue'), dataIndex: 'reviewDue', width: 260, render: (d: string | null, r) => <>{d ? day(d) : '—'} <ReviewFlags plan={r} /></> },
                  { title: t('planReview.why'), dataIndex: 'reviewTriggerNote', render: (n: string | null) => n ?? '—' },
                ]} />
            </div>
          )}
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('planReview.reminders', { n: unread.length })}</Typography.Title>}>
          <Typography.Paragraph type="secondary">{t('planReview.remindersHelp')}</Typography.Paragraph>
          {reminders.error ? <ErrorState error={reminders.error} onRetry={() => void reminders.refetch()} /> : (
            <Table<Reminder> rowKey="id" size="small" dataSource={reminders.data} loading={reminders.isFetching} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="reminders" locale={{ emptyText: <EmptyList description={t('planReview.noReminders')} /> }}
              columns={[
                { title: t('planReview.reminder'), key: 'what', render: (_, r) => <>
                  <Tag color={r.kind === 'overdue' ? 'error' : 'warning'}>{t(`planReview.kinds.${r.kind}`, { defaultValue: r.kind })}</Tag>
                  <Link to={`/plans/${r.planId}`}>{r.planTitle}</Link></> },
                { title: t('plans.reviewDue'), dataIndex: 'reviewDue', width: 150, render: (d: string) => day(d) },
                { title: t('planReview.sent'), dataIndex: 'createdAt', width: 200, render: (d: string, r) => <>{dateTime(d)}{r.emailedTo && <Typography.Text type="secondary"> · {t('planReview.emailed', { to: r.emailedTo })}</Typography.Text>}</> },
                { title: t('common.actions'), key: 'read', width: 160, render: (_, r) => (r.readAt ? <Typography.Text type="secondary">{t('planReview.read')}</Typography.Text>
                  : <Button size="small" onClick={() => void markRead(r)} aria-label={`${t('planReview.markRead')}: ${r.planTitle}`}>{t('planReview.markRead')}</Button>) },
              ]} />
          )}
        </Card>
      </Space>
    </>
  );
}
