import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Checkbox, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RISK_COMPONENTS, RISK_STATUSES } from '../../../../src/domain/risk/components.js';
import { RISK_BANDS } from '../../../../src/domain/risk/bands.js';
import { api, withQuery, type Page } from '../../api/client';
import type { Risk } from '../../api/riskTypes';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { CsvExport } from '../../components/CsvImport';
import { useUrlParams } from '../../components/useUrlParams';
import { useConfirmDelete } from '../../components/useDelete';
import { useFormat } from '../../i18n/format';
import { BandTag } from './matrix';
import { RiskForm } from './RiskForm';
import { useRights } from './rights';

/** The risk register: paginated and filtered on the server. */
export default function RiskRegisterPage() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const { get, num, set } = useUrlParams();
  const [editing, setEditing] = useState<Risk | 'new'>();
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const filters = {
    entityId: get('entityId'), locationId: get('locationId'), component: get('component'),
    band: get('band'), status: get('status'), reviewOverdue: get('reviewOverdue'),
  };
  const sort = get('sort');
  const query = { page, pageSize, sort, ...filters };
  const order = (key: string) => (sort === key ? 'ascend' as const : sort === `-${key}` ? 'descend' as const : null);
  const list = useQuery({
    queryKey: ['risks', 'list', query],
    queryFn: ({ signal }) => api.get<Page<Risk>>('/risks', query, signal),
    placeholderData: keepPreviousData,
  });
  const entities = byId(useEntities().data);
  const stations = byId(useDutyStations(!!list.data).data);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['risks'] });
  const rights = useRights();
  // A joint-assessment scenario's participants are not in the list: the server decides for those.
  const mayChange = (r: Risk) => (r.jointAssessmentId ? rights.anyRisk : rights.risk({ entityId: r.entityId, locationId: r.locationId, participants: [] }));

  return (
    <>
      <PageHeader title={t('risk.register')} trail={[{ to: '/risk', label: t('nav.risk') }]} actions={<>
        {rights.anyRisk && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('risk.create')}</Button>}
        <CsvExport href={withQuery('/api/v1/risks/export.csv', filters)} label={t('csv.export')} />
        <CsvExport href={withQuery('/api/v1/risks/export.xlsx', filters)} label={t('risk.exportXlsx')} />
      </>} />
      <Card>
        <div className="orms-toolbar" role="search">
          <EntitySelect aria-label={t('risk.entity')} style={{ width: 240 }} value={filters.entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('risk.dutyStation')} kind="duty_station" style={{ width: 200 }} value={filters.locationId} onChange={(v) => set({ locationId: v, page: null })} />
          <Select aria-label={t('risk.component')} placeholder={t('risk.component')} allowClear style={{ width: 190 }} value={filters.component}
            onChange={(v) => set({ component: v, page: null })} options={RISK_COMPONENTS.map((c) => ({ value: c, label: t(`riskComponents.${c}`) }))} />
          <Select aria-label={t('risk.residualBand')} placeholder={t('risk.residualBand')} allowClear style={{ width: 160 }} value={filters.band}
            onChange={(v) => set({ band: v, page: null })} options={RISK_BANDS.map((b) => ({ value: b, label: t(`riskBands.${b}`) }))} />
          <Select aria-label={t('risk.status')} placeholder={t('risk.status')} allowClear style={{ width: 130 }} value={filters.status}
            onChange={(v) => set({ status: v, page: null })} options={RISK_STATUSES.map((s) => ({ value: s, label: t(`riskStatuses.${s}`) }))} />
          <Checkbox checked={filters.reviewOverdue === 'true'} onChange={(e) => set({ reviewOverdue: e.target.checked ? 'true' : null, page: null })}>
            {t('risk.reviewOverdue')}
          </Checkbox>
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="risks-table" data-ready={String(!list.isFetching && !list.isPlaceholderData && !!list.data)}>
            <Table<Risk> rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items}
              locale={{ emptyText: <EmptyList /> }} scroll={{ x: 1100 }}
              onRow={(r) => ({ onDoubleClick: () => navigate(`/risk/risks/${r.id}`) })}
              onChange={(_p, _f, sorter) => {
                const s = Array.isArray(sorter) ? sorter[0] : sorter;
                set({ sort: s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : null, page: null });
              }}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
                showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('risk.title'), key: 'title', dataIndex: 'title', sorter: true, sortOrder: order('title'), render: (v: string, r) => <Link to={`/risk/risks/${r.id}`}>{v}</Link> },
                { title: t('risk.entity'), dataIndex: 'entityId', render: (id: string | null, r) => (r.jointAssessmentId
                  ? <Link to={`/risk/joint/${r.jointAssessmentId}`}><Tag color="purple">{t('riskJoint.shared')}</Tag></Link> : id ? entities.get(id)?.code ?? '…' : '—') },
                { title: t('risk.dutyStation'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('risk.components'), dataIndex: 'components', render: (cs: string[]) => cs.map((c) => t(`riskComponents.${c}`, { defaultValue: c })).join(', ') },
                { title: t('risk.inherent'), key: 'inherent', width: 130, render: (_, r) => <BandTag band={r.inherent.band} /> },
                { title: t('risk.residual'), key: 'residual', width: 130, sorter: true, sortOrder: order('residual'), render: (_, r) => <BandTag band={r.residual?.band} /> },
                { title: t('risk.status'), dataIndex: 'status', width: 110, render: (s: string) => t(`riskStatuses.${s}`, { defaultValue: s }) },
                { title: t('risk.reviewDue'), key: 'reviewDue', dataIndex: 'reviewDue', width: 150, sorter: true, sortOrder: order('reviewDue'), render: (d: string | null, r) => (
                  <>{d ?? '—'} {r.reviewOverdue && <Tag color="error">{t('risk.overdue')}</Tag>}</>) },
                { title: t('common.actions'), key: 'actions', width: 110, render: (_, r) => mayChange(r) && (
                  <Space>
                    <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${r.title}`} onClick={() => setEditing(r)} />
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${r.title}`}
                      onClick={() => confirmDelete(r.title, `/risks/${r.id}`, refresh)} />
                  </Space>) },
              ]} />
          </div>
        )}
      </Card>
      {editing && <RiskForm open risk={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)}
        onSaved={() => { refresh(); void qc.invalidateQueries({ queryKey: ['risk'] }); }} />}
    </>
  );
}
