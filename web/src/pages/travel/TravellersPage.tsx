import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { Button, Card, Table, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, withQuery, API } from '../../api/client';
import { byId, useDutyStations } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, Forbidden, PageLoading } from '../../components/states';
import { CountrySelect, LocationSelect } from '../../components/pickers';
import { DayPicker } from '../../components/DayPicker';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { todayIso, TravelNav, useDay, useTravelRights } from './common';
import type { Traveller, Travellers } from './types';

const StationMap = lazy(() => import('../org/DutyStationMap').then((m) => ({ default: m.StationMap })));

/**
 * Who is away from their duty station on a day — on a trip leg or by their own report — per duty
 * station, as a table and on the map. The same rule places them in alert audiences.
 */
export default function TravellersPage() {
  return useTravelRights().seesWhereabouts ? <TravellersPageContent /> : <Forbidden />;
}

function TravellersPageContent() {
  const { t } = useTranslation();
  const day = useDay();
  const { number, dateTime } = useFormat();
  const { get, set } = useUrlParams();
  const on = get('on') ?? todayIso();
  const locationId = get('locationId');
  const countryCode = get('countryCode');
  const view = get('view') === 'map' ? 'map' : 'table';
  const query = { on, locationId, countryCode };
  const list = useQuery({ queryKey: ['travel', 'travellers', query], queryFn: () => api.get<Travellers>('/travel/travellers', query), placeholderData: keepPreviousData });
  const stations = byId(useDutyStations().data);
  const homeName = (id: string | null) => (id ? stations.get(id)?.name ?? '—' : '—');

  const table = (
    <div data-testid="travellers" data-ready={String(!list.isFetching && !!list.data)}>
      <Table<Traveller> rowKey="personId" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.travellers} scroll={list.data?.travellers.length ? { x: 900 } : undefined}
        locale={{ emptyText: <EmptyList description={t('travel.noTravellers')} /> }} pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n: number(n) }) }}
        columns={[
          { title: t('travel.traveller'), key: 'who', render: (_, x) => <Link to={`/org/people/${x.personId}`}>{x.familyName}, {x.givenName}</Link> },
          { title: t('travel.currentPlace'), key: 'at', render: (_, x) => x.whereabouts.location?.name ?? `${number(x.whereabouts.latitude, 4)}, ${number(x.whereabouts.longitude, 4)}` },
          { title: t('travel.homeStation'), key: 'home', render: (_, x) => homeName(x.homeLocationId) },
          { title: t('travel.source'), key: 'source', width: 160, render: (_, x) => <Tag color={x.whereabouts.source === 'trip' ? 'processing' : 'gold'}>{t(`whereabouts.sources.${x.whereabouts.source}`)}</Tag> },
          { title: t('travel.dates'), key: 'dates', width: 230, render: (_, x) => (x.whereabouts.source === 'trip'
            ? <Link to={`/travel/trips/${x.whereabouts.tripId}`}>{day(x.whereabouts.from)} – {day(x.whereabouts.until)}</Link>
            : t('whereabouts.reportedAt', { at: dateTime(x.whereabouts.reportedAt) })) },
        ]} />
      {list.data && list.data.total > list.data.travellers.length && <Typography.Text type="secondary">{t('travel.truncated', { shown: number(list.data.travellers.length), total: number(list.data.total) })}</Typography.Text>}
    </div>
  );

  return (
    <>
      <TravelNav />
      <PageHeader title={t('travel.travellers')} actions={<>
        <Button href={withQuery(`${API}/travel/travellers/export.csv`, query)} download>{t('csv.export')}</Button>
        <Button href={withQuery(`${API}/travel/travellers/export.xlsx`, query)} download>{t('travel.exportXlsx')}</Button>
      </>} />
      <Card>
        <Typography.Paragraph type="secondary">{t('travel.travellersHelp')}</Typography.Paragraph>
        <div className="orms-toolbar" role="search">
          <DayPicker aria-label={t('travel.onDay')} value={on} allowClear={false} onChange={(d) => set({ on: d === todayIso() ? null : d })} data-testid="travellers-day" />
          <CountrySelect aria-label={t('travel.country')} style={{ width: 240 }} value={countryCode} onChange={(v) => set({ countryCode: v })} />
          <LocationSelect aria-label={t('travel.station')} kind="duty_station" style={{ width: 260 }} value={locationId} onChange={(v) => set({ locationId: v })} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <Tabs activeKey={view} destroyOnHidden onChange={(k) => set({ view: k === 'map' ? 'map' : null })} items={[
            { key: 'table', label: t('travel.tableView'), children: table },
            { key: 'map', label: t('travel.mapView'), children: (
              <Suspense fallback={<PageLoading />}>
                <StationMap points={list.data?.byStation.map((b) => ({ ...b, id: b.locationId }))} loading={!list.data} testId="travellers-map" onOpen={(id) => set({ locationId: id, view: null })}
                  caption={t('travel.mapCaption', { n: number(list.data?.byStation.length ?? 0), people: number(list.data?.total ?? 0) })}
                  ariaLabel={t('travel.mapAria', { n: list.data?.byStation.length ?? 0, people: list.data?.total ?? 0 })} />
              </Suspense>
            ) },
          ]} />
        )}
      </Card>
    </>
  );
}
