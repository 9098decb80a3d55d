import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_STATUSES } from '../../../../src/modules/continuity/model.js';
import { api, type Page } from '../../api/client';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { ContinuityNav } from './ContinuityNav';
import { CampaignForm } from './CampaignForm';
import { CONTINUITY_KEY, useContinuityRights } from './hooks';
import { StateTag } from './labels';
import type { Campaign } from './types';

/** BIA campaigns per entity and duty station, with their review status. */
export default function CampaignsPage() {
  const { t } = useTranslation();
  const { number, date } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { canWrite } = useContinuityRights();
  const { get, num, set } = useUrlParams();
  const [creating, setCreating] = useState(false);
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const query = { page, pageSize, q: get('q'), entityId: get('entityId'), locationId: get('locationId'), status: get('status') };
  const list = useQuery({ queryKey: ['continuity', 'campaigns', query], queryFn: ({ signal }) => api.get<Page<Campaign>>('/continuity/campaigns', query, signal), placeholderData: keepPreviousData });
  const entities = byId(useEntities().data);
  const stations = byId(useDutyStations(!!list.data).data);

  return (
    <>
      <PageHeader title={t('bcCampaign.title')} actions={canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('bcCampaign.create')}</Button>)} />
      <ContinuityNav area="continuity" />
      <Card>
        <div className="orms-toolbar" role="search">
          <EntitySelect aria-label={t('bcCampaign.entity')} style={{ width: 240 }} value={query.entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('bcCampaign.dutyStation')} kind="duty_station" style={{ width: 200 }} value={query.locationId} onChange={(v) => set({ locationId: v, page: null })} />
          <Select aria-label={t('bcCampaign.status')} placeholder={t('bcCampaign.status')} allowClear style={{ width: 160 }} value={query.status}
            onChange={(v) => set({ status: v, page: null })} options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`bc.campaignStatus.${s}`) }))} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="campaigns-table" data-ready={String(!list.isFetching && !!list.data)}>
            <Table<Campaign> rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items}
              locale={{ emptyText: <EmptyList description={t('bcCampaign.empty')} /> }}
              onRow={(r) => ({ onDoubleClick: () => navigate(`/continuity/campaigns/${r.id}`) })}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('bcCampaign.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/continuity/campaigns/${r.id}`}>{v}</Link> },
                { title: t('bcCampaign.entity'), dataIndex: 'entityId', render: (id: string | null) => (id ? entities.get(id)?.code ?? '…' : '—') },
                { title: t('bcCampaign.dutyStation'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('bcCampaign.period'), key: 'period', render: (_, r) => (r.periodStart || r.periodEnd ? `${date(r.periodStart) || '…'} – ${date(r.periodEnd) || '…'}` : '—') },
                { title: t('bcCampaign.status'), dataIndex: 'status', width: 140, render: (s: string) => <StateTag group="campaignStatus" value={s} /> },
                { title: t('bcCampaign.approvedAt'), dataIndex: 'approvedAt', width: 160, render: (d: string | null) => (d ? date(d) : '—') },
              ]} />
          </div>
        )}
      </Card>
      {creating && <CampaignForm onClose={() => setCreating(false)} onSaved={(c) => { void qc.invalidateQueries({ queryKey: CONTINUITY_KEY }); navigate(`/continuity/campaigns/${c.id}`); }} />}
    </>
  );
}
