import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PERSON_KINDS, PERSON_STATUSES } from '../../../../src/domain/org.js';
import { api, withQuery, type Page } from '../../api/client';
import type { Person } from '../../api/types';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { CsvExport, CsvImport } from '../../components/CsvImport';
import { useUrlParams } from '../../components/useUrlParams';
import { useSession } from '../../session';
import { canDo } from '../../access';
import { useFormat } from '../../i18n/format';
import { PersonForm } from './PersonForm';

export const PEOPLE_CSV_COLUMNS = 'external_id, kind, given_name, family_name, entity_code, duty_station_external_id, sponsor_external_id, job_title, language, status, email, mobile, satellite_phone, landline';

/** People: paginated, searched and filtered on the server (there may be 150,000). */
export default function PeoplePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { number } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { get, num, set } = useUrlParams();
  const [creating, setCreating] = useState(false);
  const page = num('page', 1), pageSize = num('pageSize', 50), q = get('q') ?? '';
  const entityId = get('entityId'), locationId = get('locationId'), kind = get('kind'), status = get('status');
  const [search, setSearch] = useState(q);
  const query = { page, pageSize, q, entityId, locationId, kind, status };
  const list = useQuery({
    queryKey: ['people', 'list', query],
    queryFn: ({ signal }) => api.get<Page<Person>>('/people', query, signal),
    placeholderData: keepPreviousData,
  });
  const entities = byId(useEntities().data);
  // Station names come after the list itself, so the list's own request goes first.
  const stations = byId(useDutyStations(!!list.data).data);
  const canWrite = !!user && canDo(user, 'person.write');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['people'] });

  return (
    <>
      <PageHeader title={t('nav.people')} actions={<>
        {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('people.create')}</Button>}
        {canWrite && <CsvImport path="/people/import" columns={PEOPLE_CSV_COLUMNS} label={t('csv.importLabel')} onDone={refresh} />}
        <CsvExport href={withQuery('/api/v1/people/export.csv', { entityId, locationId })} label={t('csv.export')} />
      </>} />
      <Card>
        <div className="orms-toolbar" role="search">
          <Input.Search aria-label={t('common.search')} placeholder={t('people.search')} value={search} allowClear style={{ width: 280 }}
            onChange={(e) => { setSearch(e.target.value); if (!e.target.value) set({ q: null, page: null }); }}
            onSearch={(v) => set({ q: v.trim(), page: null })} data-testid="people-search" />
          <EntitySelect aria-label={t('people.entity')} style={{ width: 260 }} value={entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('people.dutyStation')} kind="duty_station" style={{ width: 220 }} value={locationId} onChange={(v) => set({ locationId: v, page: null })} />
          <Select aria-label={t('people.kind')} placeholder={t('people.kind')} allowClear style={{ width: 150 }} value={kind}
            onChange={(v) => set({ kind: v, page: null })} options={PERSON_KINDS.map((k) => ({ value: k, label: t(`personKinds.${k}`) }))} />
          <Select aria-label={t('people.status')} placeholder={t('people.status')} allowClear style={{ width: 140 }} value={status}
            onChange={(v) => set({ status: v, page: null })} options={PERSON_STATUSES.map((k) => ({ value: k, label: t(`personStatuses.${k}`) }))} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="people-table" data-ready={String(!list.isFetching && !list.isPlaceholderData && !!list.data)} data-q={q} data-page={page}>
            <Table<Person> rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items}
              locale={{ emptyText: <EmptyList description={q ? t('people.noMatch', { q }) : undefined} /> }}
              onRow={(p) => ({ onDoubleClick: () => navigate(`/org/people/${p.id}`) })}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
                showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('people.name'), key: 'name', render: (_, p) => <Link to={`/org/people/${p.id}`}>{p.familyName}, {p.givenName}</Link> },
                { title: t('people.jobTitle'), dataIndex: 'jobTitle' },
                { title: t('people.entity'), dataIndex: 'entityId', render: (id: string | null) => (id ? entities.get(id)?.code ?? '…' : '—') },
                { title: t('people.dutyStation'), dataIndex: 'homeLocationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('people.kind'), dataIndex: 'kind', width: 130, render: (k: string) => t(`personKinds.${k}`, { defaultValue: k }) },
                { title: t('people.status'), dataIndex: 'status', width: 120, render: (s: string) => <Tag color={s === 'active' ? 'success' : 'default'}>{t(`personStatuses.${s}`, { defaultValue: s })}</Tag> },
              ]} />
          </div>
        )}
      </Card>
      {creating && <PersonForm open onClose={() => setCreating(false)} onSaved={(p) => { refresh(); navigate(`/org/people/${p.id}`); }} />}
    </>
  );
}
