import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Checkbox, Input, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PLAN_STATUSES } from '../../../../src/domain/plans/catalog.js';
import { api, withQuery, type Page } from '../../api/client';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { CsvExport } from '../../components/CsvImport';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { usePlanTypeName, usePlanTypes, type Plan } from './api';
import { PlansNav } from './PlansNav';
import { PlanStatusTag, ReviewFlags } from './tags';
import { PersonLabel } from './pickers';
import { CreatePlanForm } from './PlanForms';
import { useAreaRights } from './rights';
import { useDay } from './format';

/** The plan library: every plan the user may see, filtered and sorted on the server. */
export default function PlansLibraryPage() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const day = useDay();
  const navigate = useNavigate();
  const rights = useAreaRights();
  const { get, num, set } = useUrlParams();
  const [creating, setCreating] = useState(false);
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const filters = {
    q: get('q'), planTypeId: get('planTypeId'), status: get('status'), entityId: get('entityId'), locationId: get('locationId'),
    reviewOverdue: get('reviewOverdue'), flaggedForReview: get('flaggedForReview'),
  };
  const sort = get('sort');
  const query = { page, pageSize, sort, ...filters };
  const order = (key: string) => (sort === key || (!sort && key === 'title') ? 'ascend' as const : sort === `-${key}` ? 'descend' as const : null);
  const list = useQuery({ queryKey: ['plans', 'list', query], queryFn: ({ signal }) => api.get<Page<Plan>>('/plans', query, signal), placeholderData: keepPreviousData });
  const types = usePlanTypes();
  const typeName = usePlanTypeName();
  const entities = byId(useEntities().data);
  const stations = byId(useDutyStations(!!list.data).data);
  const [search, setSearch] = useState(filters.q ?? '');

  return (
    <>
      <PageHeader title={t('nav.plans')} actions={<>
        {rights.writePlans && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('plans.create')}</Button>}
        <CsvExport href={withQuery('/api/v1/plans/export.csv', filters)} label={t('csv.export')} />
        <CsvExport href={withQuery('/api/v1/plans/export.xlsx', filters)} label={t('plans.exportXlsx')} />
      </>} />
      <PlansNav />
      <Card>
        <Typography.Paragraph type="secondary">{t('plans.libraryHelp')}</Typography.Paragraph>
        <div className="orms-toolbar" role="search">
          <Input.Search aria-label={t('common.search')} placeholder={t('plans.searchPlaceholder')} allowClear style={{ width: 240 }} value={search}
            onChange={(e) => setSearch(e.target.value)} onSearch={(v) => set({ q: v, page: null })} />
          <Select aria-label={t('plans.type')} placeholder={t('plans.type')} allowClear style={{ width: 230 }} value={filters.planTypeId} loading={types.isLoading}
            onChange={(v) => set({ planTypeId: v, page: null })} options={(types.data ?? []).map((x) => ({ value: x.id, label: t(`planTypeNames.${x.key}`, { defaultValue: x.name }) }))} />
          <Select aria-label={t('plans.status')} placeholder={t('plans.status')} allowClear style={{ width: 150 }} value={filters.status}
            onChange={(v) => set({ status: v, page: null })} options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`planStatuses.${s}`) }))} />
          <EntitySelect aria-label={t('plans.entity')} style={{ width: 220 }} value={filters.entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('plans.dutyStation')} kind="duty_station" style={{ width: 190 }} value={filters.locationId} onChange={(v) => set({ locationId: v, page: null })} />
          <Checkbox checked={filters.reviewOverdue === 'true'} onChange={(e) => set({ reviewOverdue: e.target.checked ? 'true' : null, page: null })}>{t('plans.onlyOverdue')}</Checkbox>
          <Checkbox checked={filters.flaggedForReview === 'true'} onChange={(e) => set({ flaggedForReview: e.target.checked ? 'true' : null, page: null })}>{t('plans.onlyFlagged')}</Checkbox>
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="plans-table" data-ready={String(!list.isFetching && !list.isPlaceholderData && !!list.data)}>
            <Table<Plan> rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items} scroll={{ x: 1100 }}
              locale={{ emptyText: <EmptyList description={t('plans.empty')} /> }}
              onChange={(_p, _f, sorter) => {
                const s = Array.isArray(sorter) ? sorter[0] : sorter;
                set({ sort: s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : null, page: null });
              }}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
                showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('plans.title'), key: 'title', dataIndex: 'title', sorter: true, sortOrder: order('title'), render: (v: string, r) => <Link to={`/plans/${r.id}`}>{v}</Link> },
                { title: t('plans.type'), dataIndex: 'planType', render: (v: string, r) => typeName(r.planTypeId, v) },
                { title: t('plans.status'), dataIndex: 'status', width: 170, render: (s: string, r) => (
                  <><PlanStatusTag status={s} />{r.workingVersion && r.status === 'approved' && <Typography.Text type="secondary">{t('plans.nextVersion', { n: r.workingVersion.number, status: t(`planVersionStatuses.${r.workingVersion.status}`) })}</Typography.Text>}</>) },
                { title: t('plans.entity'), key: 'entity', render: (_, r) => [r.entityId, ...r.participantEntityIds].filter((x, i, a) => x && a.indexOf(x) === i).map((id) => entities.get(id!)?.code ?? '…').join(', ') || '—' },
                { title: t('plans.dutyStation'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('plans.owner'), dataIndex: 'ownerPersonId', render: (id: string) => <PersonLabel id={id} /> },
                { title: t('plans.reviewDue'), key: 'reviewDue', dataIndex: 'reviewDue', width: 230, sorter: true, sortOrder: order('reviewDue'), render: (d: string | null, r) => <>{d ? day(d) : '—'} <ReviewFlags plan={r} /></> },
              ]} />
          </div>
        )}
      </Card>
      {creating && <CreatePlanForm onClose={() => setCreating(false)} onCreated={(p) => navigate(`/plans/${p.id}`)} />}
    </>
  );
}
