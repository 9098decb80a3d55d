import { App, Button, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useEntities, useLocation } from '../../api/lookups';
import { ErrorState, useErrorMessage } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { usePlanTypeName, type Activation, type Plan, type ReviewTriggerRecord } from './api';
import { PersonLabel, TeamLabel } from './pickers';
import { useDay } from './format';

function RiskTitle({ id }: { id: string }) {
  const { data } = useQuery({ queryKey: ['risks', 'one', id], queryFn: () => api.get<{ title: string }>(`/risks/${id}`), retry: false, staleTime: 300_000 });
  return <Tag>{data?.title ?? '…'}</Tag>;
}
function ProcessName({ id }: { id: string }) {
  const { data } = useQuery({ queryKey: ['bc-processes', 'one', id], queryFn: () => api.get<{ name: string }>(`/continuity/processes/${id}`), retry: false, staleTime: 300_000 });
  return <Tag>{data?.name ?? '…'}</Tag>;
}

export function PlanDetails({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const day = useDay();
  const { dateTime } = useFormat();
  const typeName = usePlanTypeName();
  const entities = useEntities().data ?? [];
  const station = useLocation(plan.locationId);
  const entity = (id: string) => { const e = entities.find((x) => x.id === id); return e ? `${e.code} — ${e.name}` : '…'; };
  const triggers = useQuery({ queryKey: ['plans', 'triggers', plan.id], queryFn: () => api.get<ReviewTriggerRecord[]>(`/plans/${plan.id}/review-triggers`), enabled: !!plan.allowed?.history });
  const none = '—';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" data-testid="plan-details" items={[
        { key: 'type', label: t('plans.type'), children: typeName(plan.planTypeId, plan.planType) },
        { key: 'entity', label: t('plans.entity'), children: plan.entityId ? entity(plan.entityId) : none },
        { key: 'station', label: t('plans.dutyStation'), children: station.data?.name ?? none },
        { key: 'participants', label: t('plans.participants'), children: plan.participantEntityIds.length ? plan.participantEntityIds.map((id) => <Tag key={id}>{entity(id)}</Tag>) : none },
        { key: 'owner', label: t('plans.owner'), children: <PersonLabel id={plan.ownerPersonId} /> },
        { key: 'approver', label: t('plans.approver'), children: plan.approverPersonId ? <PersonLabel id={plan.approverPersonId} /> : t('plans.anyApprover') },
        { key: 'review', label: t('plans.reviewDue'), children: plan.reviewDue ? day(plan.reviewDue) : none },
        { key: 'updated', label: t('common.updatedAt'), children: dateTime(plan.updatedAt) },
        { key: 'criteria', label: t('plans.activationCriteria'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{plan.activationCriteria || none}</span> },
        { key: 'risks', label: t('plans.risks'), span: 2, children: plan.riskIds.length ? plan.riskIds.map((id) => <RiskTitle key={id} id={id} />) : none },
        { key: 'processes', label: t('plans.processes'), span: 2, children: plan.processIds.length ? plan.processIds.map((id) => <ProcessName key={id} id={id} />) : none },
        { key: 'teams', label: t('plans.teams'), children: plan.teamIds.length ? <Space wrap>{plan.teamIds.map((id) => <TeamLabel key={id} id={id} />)}</Space> : none },
        { key: 'contacts', label: t('plans.contacts'), children: plan.contactPersonIds.length ? <Space wrap>{plan.contactPersonIds.map((id) => <PersonLabel key={id} id={id} />)}</Space> : none },
      ]} />
      {plan.allowed?.history && (
        <div>
          <Typography.Title level={2} style={{ fontSize: 18 }}>{t('planReview.history')}</Typography.Title>
          {triggers.error ? <ErrorState error={triggers.error} /> : (
            <Table<ReviewTriggerRecord> rowKey="id" size="small" dataSource={triggers.data} loading={triggers.isFetching} pagination={{ pageSize: 10, hideOnSinglePage: true }}
              data-testid="review-triggers" locale={{ emptyText: <Empty description={t('planReview.noTriggers')} /> }}
              columns={[
                { title: t('planReview.when'), dataIndex: 'at', width: 200, render: (a: string) => dateTime(a) },
                { title: t('planReview.trigger'), dataIndex: 'trigger', width: 220, render: (x: string) => t(`planReviewTriggers.${x}`, { defaultValue: x }) },
                { title: t('planReview.note'), dataIndex: 'note' },
              ]} />
          )}
        </div>
      )}
    </Space>
  );
}

/** Activations of the plan, each with the tasks its checklists became. */
export function ActivationsPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['plans', 'activations', plan.id], queryFn: () => api.get<Activation[]>(`/plans/${plan.id}/activations`) });
  const toggle = async (taskId: string, status: 'open' | 'done') => {
    try { await api.patch(`/plans/${plan.id}/tasks/${taskId}`, { status }); await qc.invalidateQueries({ queryKey: ['plans', 'activations', plan.id] }); } catch (e) { message.error(describe(e), 6); }
  };
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <Typography.Paragraph type="secondary">{t('common.loading')}</Typography.Paragraph>;
  if (!list.data.length) return <Empty description={plan.currentVersionId ? t('planActivation.none') : t('planActivation.notApproved')} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="activations">
      {list.data.map((a) => {
        const done = a.tasks.filter((x) => x.status === 'done').length;
        return (
          <div key={a.id}>
            <Typography.Title level={3} style={{ fontSize: 16 }}>{t('planActivation.activatedAt', { at: dateTime(a.activatedAt), who: a.activatedBy ?? '' })}</Typography.Title>
            <Typography.Paragraph>{a.reason} · <Typography.Text type="secondary">{t('planActivation.progress', { done, total: a.tasks.length })}</Typography.Text></Typography.Paragraph>
            <Table rowKey="id" size="small" pagination={false} dataSource={a.tasks} locale={{ emptyText: t('planActivation.noTasks') }}
              columns={[
                { title: t('planActivation.task'), dataIndex: 'text' },
                { title: t('planActivation.section'), dataIndex: 'section', width: 220 },
                { title: t('planActivation.role'), dataIndex: 'role', width: 160 },
                { title: t('planActivation.status'), key: 'status', width: 220, render: (_, x) => (
                  <Space>
                    {x.status === 'done' ? <Tag color="success">{t('planActivation.done')}</Tag> : <Tag>{t('planActivation.open')}</Tag>}
                    {plan.allowed?.write && <Button size="small" onClick={() => void toggle(x.id, x.status === 'done' ? 'open' : 'done')}
                      aria-label={`${x.status === 'done' ? t('planActivation.reopen') : t('planActivation.markDone')}: ${x.text}`}>
                      {x.status === 'done' ? t('planActivation.reopen') : t('planActivation.markDone')}
                    </Button>}
                  </Space>) },
              ]} />
          </div>
        );
      })}
    </Space>
  );
}
