import { Link, useNavigate } from 'react-router';
import { Button, Card, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { REVIEW_KINDS } from '../../../../src/domain/plans/catalog.js';
import { api, type Page } from '../../api/client';
import { byId, useDutyStations } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { LocationSelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { useAreaRights } from '../plans/rights';
import { useDay } from '../plans/format';
import type { Review } from './api';
import { ExercisesNav } from './ExercisesNav';

/** After-action reviews of exercises and real events, newest first. */
export default function ReviewsPage() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const day = useDay();
  const navigate = useNavigate();
  const rights = useAreaRights();
  const { get, num, set } = useUrlParams();
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const query = { page, pageSize, kind: get('kind'), locationId: get('locationId') };
  const list = useQuery({ queryKey: ['after-action-reviews', 'list', query], queryFn: ({ signal }) => api.get<Page<Review>>('/after-action-reviews', query, signal), placeholderData: keepPreviousData });
  const stations = byId(useDutyStations(!!list.data).data);
  return (
    <>
      <PageHeader title={t('aar.title')} trail={[{ to: '/exercises', label: t('nav.exercises') }]}
        actions={rights.writeExercises ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/exercises/reviews/new')}>{t('aar.recordRealEvent')}</Button> : undefined} />
      <ExercisesNav />
      <Card>
        <div className="orms-toolbar" role="search">
          <Select aria-label={t('aar.kind')} placeholder={t('aar.kind')} allowClear style={{ width: 180 }} value={query.kind}
            onChange={(v) => set({ kind: v, page: null })} options={REVIEW_KINDS.map((k) => ({ value: k, label: t(`aar.kinds.${k}`) }))} />
          <LocationSelect aria-label={t('aar.dutyStation')} kind="duty_station" style={{ width: 200 }} value={query.locationId} onChange={(v) => set({ locationId: v, page: null })} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="reviews-table" data-ready={String(!!list.data && !list.isFetching && !list.isPlaceholderData)}>
            <Table<Review> rowKey="id" dataSource={list.data?.items} loading={{ spinning: list.isFetching, delay: 250 }} locale={{ emptyText: <EmptyList description={t('aar.none')} /> }}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('aar.titleField'), dataIndex: 'title', render: (v: string, r) => <Link to={`/exercises/reviews/${r.id}`}>{v}</Link> },
                { title: t('aar.kind'), dataIndex: 'kind', width: 150, render: (k: string) => t(`aar.kinds.${k}`) },
                { title: t('aar.eventDate'), dataIndex: 'eventDate', width: 150, render: (d: string) => day(d) },
                { title: t('aar.dutyStation'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('correctiveActions.title'), key: 'n', width: 220, render: (_, r) => t('aar.actionsCount', { open: r.actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length, total: r.actions.length }) },
              ]} />
          </div>
        )}
      </Card>
    </>
  );
}
