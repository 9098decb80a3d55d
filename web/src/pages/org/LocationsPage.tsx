import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Input, Select, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LOCATION_KINDS } from '../../../../src/domain/org.js';
import { api, type Page } from '../../api/client';
import type { Location } from '../../api/types';
import { dutyStationsQuery, useCountries } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { CountrySelect } from '../../components/pickers';
import { CsvExport, CsvImport } from '../../components/CsvImport';
import { useUrlParams } from '../../components/useUrlParams';
import { useSession } from '../../session';
import { canDo } from '../../access';
import { useFormat } from '../../i18n/format';
import { LocationForm } from './LocationForm';

const loadMap = () => import('./DutyStationMap');
const DutyStationMap = lazy(loadMap);

export const LOCATION_CSV_COLUMNS = 'external_id, kind, name, parent_external_id, country_code, city, address, latitude, longitude, time_zone';

export default function LocationsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const { number, timeAt } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { get, num, set } = useUrlParams();
  const view = get('view') === 'map' ? 'map' : 'table';
  const [creating, setCreating] = useState(false);
  // The map is the likely next view: fetch its code (ECharts, the world map) once the page is idle.
  useEffect(() => {
    const h = setTimeout(() => void loadMap().catch(() => undefined), 800);
    return () => clearTimeout(h);
  }, []);
  const canWrite = !!user && canDo(user, 'location.write');
  const page = num('page', 1), pageSize = num('pageSize', 50), q = get('q') ?? '', kind = get('kind'), countryCode = get('country');
  const countries = useCountries();
  const countryName = (code: string) => {
    const c = countries.data?.find((x) => x.code === code);
    return c ? c.names[i18n.language as 'en'] ?? c.names.en : code;
  };
  const list = useQuery({
    queryKey: ['locations', 'list', { page, pageSize, q, kind, countryCode }],
    queryFn: () => api.get<Page<Location>>('/locations', { page, pageSize, q, kind, countryCode }),
    placeholderData: keepPreviousData,
    enabled: view === 'table',
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['locations'] });

  const table = (
    <>
      <div className="orms-toolbar">
        <Input.Search aria-label={t('common.search')} placeholder={t('locations.search')} defaultValue={q} allowClear style={{ width: 280 }}
          onSearch={(v) => set({ q: v, page: null })} data-testid="locations-search" />
        <Select aria-label={t('locations.kind')} placeholder={t('locations.kind')} allowClear style={{ width: 180 }} value={kind}
          onChange={(v) => set({ kind: v, page: null })} options={LOCATION_KINDS.map((k) => ({ value: k, label: t(`locationKinds.${k}`) }))} />
        <CountrySelect aria-label={t('locations.country')} style={{ width: 240 }} value={countryCode} onChange={(v) => set({ country: v, page: null })} />
      </div>
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<Location> data-testid="locations-table" rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items}
          locale={{ emptyText: <EmptyList /> }} scroll={{ x: 900 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: number(n) }),
            onChange: (p, s) => set({ page: p, pageSize: s }) }}
          columns={[
            { title: t('locations.name'), dataIndex: 'name', render: (v: string, l) => <Link to={`/org/locations/${l.id}`}>{v}</Link> },
            { title: t('locations.kind'), dataIndex: 'kind', width: 150, render: (k: string) => <Tag color={k === 'duty_station' ? 'processing' : 'default'}>{t(`locationKinds.${k}`)}</Tag> },
            { title: t('locations.country'), dataIndex: 'countryCode', render: (c: string) => countryName(c) },
            { title: t('locations.city'), dataIndex: 'city' },
            { title: t('locations.timeZone'), dataIndex: 'timeZone', render: (z: string) => <span>{z}<br /><small>{t('locations.localTime', { time: timeAt(z) })}</small></span> },
            { title: t('locations.coordinates'), key: 'coords', width: 170, render: (_, l) => (l.latitude === null || l.longitude === null ? '—' : `${number(l.latitude, 4)}, ${number(l.longitude, 4)}`) },
          ]} />
      )}
    </>
  );

  return (
    <>
      <PageHeader title={t('nav.locations')} actions={<>
        {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-location">{t('locations.create')}</Button>}
        {canWrite && <CsvImport path="/locations/import" columns={LOCATION_CSV_COLUMNS} label={t('csv.importLabel')} onDone={refresh} />}
        <CsvExport href="/api/v1/locations/export.csv" label={t('csv.export')} />
      </>} />
      <Card>
        <Tabs activeKey={view} destroyOnHidden
          onChange={(k) => {
            // Start loading the stations at once, in parallel with the map's code.
            if (k === 'map') void qc.prefetchQuery(dutyStationsQuery);
            set({ view: k === 'map' ? 'map' : null });
          }}
          items={[
            { key: 'table', label: t('locations.tableView'), children: table },
            { key: 'map', label: t('locations.mapView'), children: <Suspense fallback={<PageLoading />}><DutyStationMap onOpen={(id) => navigate(`/org/locations/${id}`)} /></Suspense> },
          ]} />
      </Card>
      {creating && <LocationForm open onClose={() => setCreating(false)} onSaved={(l) => { refresh(); navigate(`/org/locations/${l.id}`); }} />}
    </>
  );
}
