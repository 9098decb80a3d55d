import { Link } from 'react-router';
import { Card, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { usePlanTypeName, type InboxItem } from './api';
import { PlansNav } from './PlansNav';
import { PersonLabel } from './pickers';

/** Versions waiting for the user's decision, oldest first; each opens on the plan's approval tab. */
export default function ApprovalInboxPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const inbox = useQuery({ queryKey: ['plan-approvals'], queryFn: () => api.get<InboxItem[]>('/plan-approvals') });
  const typeName = usePlanTypeName();
  const entities = byId(useEntities().data);
  const stations = byId(useDutyStations(!!inbox.data).data);
  return (
    <>
      <PageHeader title={t('planApproval.inbox')} trail={[{ to: '/plans', label: t('nav.plans') }]} />
      <PlansNav />
      <Card>
        <Typography.Paragraph type="secondary">{t('planApproval.inboxHelp')}</Typography.Paragraph>
        {inbox.error ? <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} /> : (
          <div data-testid="inbox-table" data-ready={String(!!inbox.data && !inbox.isFetching)}>
            <Table<InboxItem> rowKey={(r) => r.version.id} dataSource={inbox.data} loading={inbox.isFetching} pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: <EmptyList description={t('planApproval.inboxEmpty')} /> }}
              columns={[
                { title: t('plans.title'), dataIndex: 'planTitle', render: (v: string, r) => <Link to={`/plans/${r.planId}?tab=approval`}>{v}</Link> },
                { title: t('plans.type'), dataIndex: 'planType', render: (v: string, r) => typeName(r.planTypeId, v) },
                { title: t('planVersions.number'), key: 'n', width: 90, render: (_, r) => r.version.number },
                { title: t('plans.entity'), dataIndex: 'entityId', render: (id: string | null) => (id ? entities.get(id)?.code ?? '…' : '—') },
                { title: t('plans.dutyStation'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('plans.owner'), dataIndex: 'ownerPersonId', render: (id: string) => <PersonLabel id={id} /> },
                { title: t('planVersions.draftedBy'), key: 'by', render: (_, r) => <>{r.version.draftedBy ?? '—'} {r.selfApprovalForbidden && <Tag color="warning">{t('planApproval.yourDraft')}</Tag>}</> },
                { title: t('planApproval.submittedAt'), key: 'at', width: 200, render: (_, r) => (r.version.submittedAt ? dateTime(r.version.submittedAt) : '—') },
              ]} />
          </div>
        )}
      </Card>
    </>
  );
}
