import { Link, useNavigate } from 'react-router';
import { Card, Input, Progress, Select, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QUESTIONNAIRE_STATUSES } from '../../../../src/modules/continuity/model.js';
import { api, withQuery, type Page } from '../../api/client';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { CsvExport } from '../../components/CsvImport';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { ContinuityNav } from './ContinuityNav';
import { StateTag, useHours } from './labels';
import type { Process } from './types';

/** Every critical process the user may see, filtered and sorted on the server, with its BIA figures. */
export default function ProcessRegisterPage() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const hours = useHours();
  const navigate = useNavigate();
  const { get, num, set } = useUrlParams();
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const filters = { q: get('q'), entityId: get('entityId'), locationId: get('locationId'), questionnaireStatus: get('questionnaireStatus') };
  const sort = get('sort');
  const query = { page, pageSize, sort, ...filters };
  const order = (key: string) => (sort === key ? 'ascend' as const : sort === `-${key}` ? 'descend' as const : null);
  const list = useQuery({ queryKey: ['continuity', 'processes', 'register', query], queryFn: ({ signal }) => api.get<Page<Process>>('/continuity/processes', query, signal), placeholderData: keepPreviousData });
  const entities = byId(useEntities().data);
  const stations = byId(useDutyStations(!!list.data).data);

  return (
    <>
      <PageHeader title={t('bcProcess.register')} actions={<>
        <CsvExport href={withQuery('/api/v1/continuity/processes/export.csv', filters)} label={t('csv.export')} />
        <CsvExport href={withQuery('/api/v1/continuity/processes/export.xlsx', filters)} label={t('bc.exportXlsx')} />
      </>} />
      <ContinuityNav area="continuity" />
      <Card>
        <div className="orms-toolbar" role="search">
          <Input.Search aria-label={t('common.search')} placeholder={t('common.search')} allowClear style={{ width: 220 }} defaultValue={filters.q}
            onSearch={(v) => set({ q: v, page: null })} />
          <EntitySelect aria-label={t('bcCampaign.entity')} style={{ width: 240 }} value={filters.entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('bcCampaign.dutyStation')} kind="duty_station" style={{ width: 200 }} value={filters.locationId} onChange={(v) => set({ locationId: v, page: null })} />
          <Select aria-label={t('bcProcess.questionnaire')} placeholder={t('bcProcess.questionnaire')} allowClear style={{ width: 170 }} value={filters.questionnaireStatus}
            onChange={(v) => set({ questionnaireStatus: v, page: null })} options={QUESTIONNAIRE_STATUSES.map((s) => ({ value: s, label: t(`bc.questionnaireStatus.${s}`) }))} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="processes-table" data-ready={String(!list.isFetching && !!list.data)}>
            <Table<Process> rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items} scroll={{ x: 1100 }}
              locale={{ emptyText: <EmptyList description={t('bcProcess.empty')} /> }}
              onRow={(r) => ({ onDoubleClick: () => navigate(`/continuity/processes/${r.id}`) })}
              onChange={(_p, _f, sorter) => {
                const s = Array.isArray(sorter) ? sorter[0] : sorter;
                set({ sort: s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : null, page: null });
              }}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('bcProcess.name'), key: 'name', dataIndex: 'name', sorter: true, sortOrder: order('name'), render: (v: string, r) => <Link to={`/continuity/processes/${r.id}`}>{v}</Link> },
                { title: t('bcCampaign.entity'), dataIndex: 'entityId', render: (id: string | null) => (id ? entities.get(id)?.code ?? '…' : '—') },
                { title: t('bcCampaign.dutyStation'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('bcProcess.mtpd'), key: 'mtpd', dataIndex: 'mtpdHours', width: 100, sorter: true, sortOrder: order('mtpd'), render: (h: number | null) => hours(h) },
                { title: t('bcProcess.rto'), key: 'rto', dataIndex: 'rtoHours', width: 100, sorter: true, sortOrder: order('rto'), render: (h: number | null) => hours(h) },
                { title: t('bcProcess.rpo'), dataIndex: 'rpoHours', width: 90, render: (h: number | null) => hours(h) },
                { title: t('bcProcess.minimumStaff'), dataIndex: 'minimumStaff', width: 110, render: (n: number | null, r) => (n === null ? '—' : `${n} / ${r.staffCount ?? '?'}`) },
                { title: t('bcQuestionnaire.remoteWork'), dataIndex: 'remoteWork', width: 130, render: (v: string | null) => (v ? t(`bc.remoteWork.${v}`) : '—') },
                { title: t('bcProcess.progress'), key: 'progress', dataIndex: 'questionnaireProgress', width: 150, sorter: true, sortOrder: order('progress'),
                  render: (n: number, r) => <Progress percent={n} size="small" aria-label={t('bcProcess.progressOf', { name: r.name, n })} /> },
                { title: t('bcProcess.questionnaire'), dataIndex: 'questionnaireStatus', width: 130, render: (s: string) => <StateTag group="questionnaireStatus" value={s} /> },
              ]} />
          </div>
        )}
      </Card>
    </>
  );
}
