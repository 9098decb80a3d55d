import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Checkbox, Input, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CRITICALITIES } from '../../../../src/modules/continuity/model.js';
import { api, withQuery, type Page } from '../../api/client';
import { CsvExport } from '../../components/CsvImport';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { ApplicationForm } from './ApplicationForm';
import { ContinuityNav } from './ContinuityNav';
import { CONTINUITY_KEY, useContinuityRights, useDataCentres } from './hooks';
import { StateTag, useHours } from './labels';
import type { Application } from './types';

/** The inventory of applications and ICT services with what their recovery achieves as tested. */
export default function ApplicationsPage() {
  const { t } = useTranslation();
  const { number, date } = useFormat();
  const hours = useHours();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { canWrite } = useContinuityRights();
  const { get, num, set } = useUrlParams();
  const [creating, setCreating] = useState(false);
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const filters = { q: get('q'), kind: get('kind'), criticality: get('criticality'), dataCentreId: get('dataCentreId'), untested: get('untested') };
  const sort = get('sort');
  const query = { page, pageSize, sort, ...filters };
  const order = (key: string) => (sort === key ? 'ascend' as const : sort === `-${key}` ? 'descend' as const : null);
  const list = useQuery({ queryKey: ['continuity', 'applications', query], queryFn: ({ signal }) => api.get<Page<Application>>('/continuity/applications', query, signal), placeholderData: keepPreviousData });
  const dcs = useDataCentres();
  const dcName = new Map((dcs.data ?? []).map((d) => [d.id, d.name]));

  return (
    <>
      <PageHeader title={t('itdrApps.title')} actions={<>
        {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('itdrApps.create')}</Button>}
        <CsvExport href={withQuery('/api/v1/continuity/applications/export.csv', filters)} label={t('csv.export')} />
        <CsvExport href={withQuery('/api/v1/continuity/applications/export.xlsx', filters)} label={t('bc.exportXlsx')} />
      </>} />
      <ContinuityNav area="itdr" />
      <Card>
        <div className="orms-toolbar" role="search">
          <Input.Search aria-label={t('common.search')} placeholder={t('common.search')} allowClear style={{ width: 220 }} defaultValue={filters.q} onSearch={(v) => set({ q: v, page: null })} />
          <Select aria-label={t('itdrApps.kind')} placeholder={t('itdrApps.kind')} allowClear style={{ width: 160 }} value={filters.kind}
            onChange={(v) => set({ kind: v, page: null })} options={['application', 'ict_service'].map((k) => ({ value: k, label: t(`itdrApps.kinds.${k}`) }))} />
          <Select aria-label={t('itdrApps.criticality')} placeholder={t('itdrApps.criticality')} allowClear style={{ width: 150 }} value={filters.criticality}
            onChange={(v) => set({ criticality: v, page: null })} options={CRITICALITIES.map((c) => ({ value: c, label: t(`bc.criticality.${c}`) }))} />
          <Select aria-label={t('itdrApps.hosting')} placeholder={t('itdrApps.hosting')} allowClear style={{ width: 260 }} value={filters.dataCentreId}
            onChange={(v) => set({ dataCentreId: v, page: null })} options={(dcs.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          <Checkbox checked={filters.untested === 'true'} onChange={(e) => set({ untested: e.target.checked ? 'true' : null, page: null })}>{t('itdrApps.untested')}</Checkbox>
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="applications-table" data-ready={String(!list.isFetching && !!list.data)}>
            <Table<Application> rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items} scroll={{ x: 1200 }}
              locale={{ emptyText: <EmptyList description={t('itdrApps.empty')} /> }}
              onRow={(r) => ({ onDoubleClick: () => navigate(`/itdr/applications/${r.id}`) })}
              onChange={(_p, _f, sorter) => {
                const s = Array.isArray(sorter) ? sorter[0] : sorter;
                set({ sort: s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : null, page: null });
              }}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('itdrApps.name'), key: 'name', dataIndex: 'name', sorter: true, sortOrder: order('name'), render: (v: string, r) => <Link to={`/itdr/applications/${r.id}`}>{v}</Link> },
                { title: t('itdrApps.kind'), dataIndex: 'kind', width: 130, render: (k: string) => t(`itdrApps.kinds.${k}`) },
                { title: t('itdrApps.criticality'), key: 'criticality', dataIndex: 'criticality', width: 120, sorter: true, sortOrder: order('criticality'), render: (c: string) => <StateTag group="criticality" value={c} /> },
                { title: t('itdrApps.hosting'), dataIndex: 'dataCentreIds', render: (ids: string[]) => ids.map((id) => dcName.get(id) ?? '…').join(' → ') || '—' },
                { title: t('itdrApps.replication'), dataIndex: 'replication', width: 140, render: (r: string) => t(`itdrApps.replications.${r}`) },
                { title: t('itdrApps.achievableRto'), key: 'rto', dataIndex: 'achievableRtoHours', width: 130, sorter: true, sortOrder: order('rto'),
                  render: (h: number | null) => (h === null ? <Typography.Text type="warning">{t('itdrApps.notTested')}</Typography.Text> : hours(h)) },
                { title: t('itdrApps.achievableRpo'), dataIndex: 'achievableRpoHours', width: 120, render: (h: number | null) => hours(h) },
                { title: t('itdrApps.lastTested'), dataIndex: 'lastTestedOn', width: 130, render: (d: string | null) => (d ? date(d) : '—') },
                { title: t('itdrApps.drPlan'), dataIndex: 'drPlanUrl', width: 100, render: (u: string | null, r) => (u ? <a href={u} target="_blank" rel="noreferrer" aria-label={`${t('itdrApps.drPlan')}: ${r.name}`}>{t('itdrApps.open')}</a> : '—') },
              ]} />
          </div>
        )}
      </Card>
      {creating && <ApplicationForm onClose={() => setCreating(false)} onSaved={(a) => { void qc.invalidateQueries({ queryKey: CONTINUITY_KEY }); navigate(`/itdr/applications/${a.id}`); }} />}
    </>
  );
}
