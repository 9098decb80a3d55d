import { Card, Checkbox, Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES } from '../../../../src/domain/plans/catalog.js';
import { api, withQuery, type Page } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { CsvExport } from '../../components/CsvImport';
import { PersonSelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import type { CorrectiveAction } from './api';
import { ExercisesNav } from './ExercisesNav';
import { ActionTable } from './ActionTable';

/** The corrective-action tracker: every finding's action to closure, overdue ones first. */
export default function ActionsPage() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const { get, num, set } = useUrlParams();
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const filters = { status: get('status'), overdue: get('overdue'), ownerPersonId: get('ownerPersonId') };
  const query = { page, pageSize, ...filters };
  const list = useQuery({ queryKey: ['corrective-actions', 'list', query], queryFn: ({ signal }) => api.get<Page<CorrectiveAction>>('/corrective-actions', query, signal), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title={t('correctiveActions.title')} trail={[{ to: '/exercises', label: t('nav.exercises') }]} actions={<>
        <CsvExport href={withQuery('/api/v1/corrective-actions/export.csv', filters)} label={t('csv.export')} />
        <CsvExport href={withQuery('/api/v1/corrective-actions/export.xlsx', filters)} label={t('exercises.exportXlsx')} />
      </>} />
      <ExercisesNav />
      <Card>
        <Typography.Paragraph type="secondary">{t('correctiveActions.help')}</Typography.Paragraph>
        <div className="orms-toolbar" role="search">
          <Select aria-label={t('correctiveActions.status')} placeholder={t('correctiveActions.status')} allowClear style={{ width: 160 }} value={filters.status}
            onChange={(v) => set({ status: v, page: null })} options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`correctiveActionStatuses.${s}`) }))} />
          <PersonSelect aria-label={t('correctiveActions.owner')} style={{ width: 260 }} value={filters.ownerPersonId} onChange={(v) => set({ ownerPersonId: v, page: null })} />
          <Checkbox checked={filters.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : null, page: null })}>{t('correctiveActions.onlyOverdue')}</Checkbox>
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <ActionTable testId="actions-table" showReview items={list.data?.items} loading={list.isFetching || list.isPlaceholderData}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }} />
        )}
      </Card>
    </>
  );
}
