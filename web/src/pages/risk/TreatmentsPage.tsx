import { Card, Checkbox, Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TREATMENT_STATUSES } from '../../../../src/domain/risk/components.js';
import { api, withQuery, type Page } from '../../api/client';
import { CsvExport } from '../../components/CsvImport';
import type { Treatment } from '../../api/riskTypes';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useFormat } from '../../i18n/format';
import { TreatmentTable } from './TreatmentTable';

/** The treatment tracker: every visible treatment, overdue first (the server's order). */
export default function TreatmentsPage() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const { get, num, set } = useUrlParams();
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const query = { page, pageSize, status: get('status'), overdue: get('overdue'), entityId: get('entityId'), locationId: get('locationId') };
  const list = useQuery({
    queryKey: ['treatments', 'list', query],
    queryFn: ({ signal }) => api.get<Page<Treatment>>('/treatments', query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t('treatments.title')} trail={[{ to: '/risk', label: t('nav.risk') }]} actions={<>
        <CsvExport href={withQuery('/api/v1/treatments/export.csv', { ...query, page: undefined, pageSize: undefined })} label={t('csv.export')} />
        <CsvExport href={withQuery('/api/v1/treatments/export.xlsx', { ...query, page: undefined, pageSize: undefined })} label={t('risk.exportXlsx')} />
      </>} />
      <Card>
        <div className="orms-toolbar" role="search">
          <EntitySelect aria-label={t('risk.entity')} style={{ width: 240 }} value={query.entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('risk.dutyStation')} kind="duty_station" style={{ width: 200 }} value={query.locationId} onChange={(v) => set({ locationId: v, page: null })} />
          <Select aria-label={t('treatments.status')} placeholder={t('treatments.status')} allowClear style={{ width: 160 }} value={query.status}
            onChange={(v) => set({ status: v, page: null })} options={TREATMENT_STATUSES.map((s) => ({ value: s, label: t(`treatmentStatuses.${s}`) }))} />
          <Checkbox checked={query.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : null, page: null })}>{t('treatments.overdueOnly')}</Checkbox>
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <TreatmentTable testId="treatments-table" showRisk editable items={list.data?.items} loading={list.isFetching}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
              showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }} />
        )}
      </Card>
    </>
  );
}
