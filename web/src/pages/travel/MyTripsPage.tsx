import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Col, Row, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TRIP_STATUSES } from '../../../../src/domain/travel/itinerary.js';
import { api, type Page } from '../../api/client';
import type { Person } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { ClearanceTag, routeOf, TravelNav, TripStatusTag, useDay, useTravelRights } from './common';
import { TripForm } from './TripForm';
import { WhereaboutsCard } from './WhereaboutsCard';
import type { Trip } from './types';

/** The traveller's own page: where I am now, my travel requests, and a new request. */
export default function MyTripsPage() {
  const { t } = useTranslation();
  const day = useDay();
  const { number } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const rights = useTravelRights();
  const { get, num, set } = useUrlParams();
  const [creating, setCreating] = useState(false);
  // Those who see others' trips may switch from their own to all they may see.
  const scope = rights.linked && get('scope') !== 'all' ? 'mine' : 'all';
  const status = get('status');
  const page = num('page', 1), pageSize = num('pageSize', 20);
  const list = useQuery({
    queryKey: ['travel', 'trips', { scope, status, page, pageSize }],
    queryFn: () => api.get<Page<Trip>>('/travel/trips', { mine: scope === 'mine' ? 'true' : undefined, status, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const me = useQuery({ queryKey: ['people', 'one', rights.personId], queryFn: () => api.get<Person>(`/people/${rights.personId}`), enabled: !!rights.personId, staleTime: 300_000 });
  const canFile = rights.linked || rights.filesForOthers;

  return (
    <>
      <TravelNav />
      <PageHeader title={t('travel.myTrips')} actions={canFile && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-trip">{t('travel.newTrip')}</Button>
      )} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          {rights.personId ? <WhereaboutsCard personId={rights.personId} title={t('whereabouts.whereIAm')} />
            : <Alert type="info" showIcon title={t('travel.notLinked')} data-testid="not-linked" />}
        </Col>
        <Col xs={24} xl={16}>
          <Card>
            <div className="orms-toolbar" role="search">
              {(rights.seesWhereabouts || rights.filesForOthers) && rights.linked && (
                <Select aria-label={t('travel.show')} style={{ width: 220 }} value={scope} onChange={(v) => set({ scope: v === 'all' ? 'all' : null, page: null })}
                  options={[{ value: 'mine', label: t('travel.onlyMine') }, { value: 'all', label: t('travel.allVisible') }]} />
              )}
              <Select aria-label={t('travel.status')} placeholder={t('travel.status')} allowClear style={{ width: 180 }} value={status}
                onChange={(v) => set({ status: v, page: null })} options={TRIP_STATUSES.map((s) => ({ value: s, label: t(`travelStatuses.${s}`) }))} />
            </div>
            {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
              <div data-testid="trips" data-ready={String(!list.isFetching && !!list.data)}>
                <Table<Trip> rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items} scroll={list.data?.items.length ? { x: 760 } : undefined}
                  locale={{ emptyText: <EmptyList description={t('travel.noTrips')} /> }}
                  pagination={{ current: page, pageSize, total: list.data?.total ?? 0, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
                  columns={[
                    { title: t('travel.purpose'), dataIndex: 'purpose', render: (v: string, tr) => <Link to={`/travel/trips/${tr.id}`}>{v}</Link> },
                    ...(scope === 'all' ? [{ title: t('travel.traveller'), key: 'who', render: (_: unknown, tr: Trip) => `${tr.traveller.familyName}, ${tr.traveller.givenName}` }] : []),
                    { title: t('travel.route'), key: 'route', render: (_, tr) => routeOf(tr) },
                    { title: t('travel.dates'), key: 'dates', width: 200, render: (_, tr) => `${day(tr.startOn)} – ${day(tr.endOn)}` },
                    { title: t('travel.status'), dataIndex: 'status', width: 130, render: (_, tr) => <TripStatusTag status={tr.status} /> },
                    { title: t('travel.clearance'), key: 'clearance', width: 150, render: (_, tr) => {
                      const waiting = tr.legs.filter((l) => l.clearance === 'pending').length;
                      return waiting ? <ClearanceTag clearance="pending" /> : tr.legs.some((l) => l.clearance === 'rejected') ? <ClearanceTag clearance="rejected" /> : tr.status === 'cleared' ? <ClearanceTag clearance="approved" /> : '—';
                    } },
                  ]} />
              </div>
            )}
          </Card>
        </Col>
      </Row>
      {creating && <TripForm open homeLocationId={me.data?.homeLocationId} onClose={() => setCreating(false)}
        onSaved={(tr) => { void qc.invalidateQueries({ queryKey: ['travel'] }); navigate(`/travel/trips/${tr.id}`); }} />}
    </>
  );
}
