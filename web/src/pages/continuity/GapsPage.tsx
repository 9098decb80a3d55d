import { Card, Segmented, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, withQuery, type Page } from '../../api/client';
import { CsvExport } from '../../components/CsvImport';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { ContinuityNav } from './ContinuityNav';
import { GapTable } from './GapTable';
import type { Gap } from './types';

/** Gap analysis: what each process requires against what its dependency chain delivers, worst first. */
export default function GapsPage() {
  const { t } = useTranslation();
  const { get, num, set } = useUrlParams();
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const filters = { entityId: get('entityId'), locationId: get('locationId'), measure: get('measure') };
  const query = { page, pageSize, ...filters };
  const list = useQuery({ queryKey: ['continuity', 'gaps', query], queryFn: ({ signal }) => api.get<Page<Gap>>('/continuity/gaps', query, signal), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title={t('bcGaps.title')} actions={<>
        <CsvExport href={withQuery('/api/v1/continuity/gaps/export.csv', filters)} label={t('csv.export')} />
        <CsvExport href={withQuery('/api/v1/continuity/gaps/export.xlsx', filters)} label={t('bc.exportXlsx')} />
      </>} />
      <ContinuityNav area="continuity" />
      <Card>
        <Typography.Paragraph type="secondary">{t('bcGaps.help')}</Typography.Paragraph>
        <div className="orms-toolbar" role="search">
          <EntitySelect aria-label={t('bcCampaign.entity')} style={{ width: 240 }} value={filters.entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('bcCampaign.dutyStation')} kind="duty_station" style={{ width: 200 }} value={filters.locationId} onChange={(v) => set({ locationId: v, page: null })} />
          <Segmented aria-label={t('bcGaps.measure')} value={filters.measure ?? ''} onChange={(v) => set({ measure: v || null, page: null })}
            options={[{ value: '', label: t('bcGaps.both') }, { value: 'rto', label: 'RTO' }, { value: 'rpo', label: 'RPO' }]} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          : <GapTable items={list.data?.items} loading={list.isFetching} total={list.data?.total ?? 0} page={page} pageSize={pageSize} onPage={(p, s) => set({ page: p, pageSize: s })} />}
      </Card>
    </>
  );
}
