import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Input, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TEAM_KINDS } from '../../../../src/domain/org.js';
import { api, type Page } from '../../api/client';
import type { Team } from '../../api/types';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { useSession } from '../../session';
import { canDo } from '../../access';
import { useFormat } from '../../i18n/format';
import { TeamForm } from './TeamForm';

export default function TeamsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { number } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { get, num, set } = useUrlParams();
  const [creating, setCreating] = useState(false);
  const page = num('page', 1), pageSize = num('pageSize', 50), q = get('q') ?? '';
  const entityId = get('entityId'), locationId = get('locationId'), kind = get('kind');
  const query = { page, pageSize, q, entityId, locationId, kind };
  const list = useQuery({ queryKey: ['teams', 'list', query], queryFn: () => api.get<Page<Team>>('/teams', query), placeholderData: keepPreviousData });
  const entities = byId(useEntities().data);
  // Station names come after the list itself, so the list's own request goes first.
  const stations = byId(useDutyStations(!!list.data).data);
  const canWrite = !!user && canDo(user, 'team.write');

  return (
    <>
      <PageHeader title={t('nav.teams')} actions={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('teams.create')}</Button>} />
      <Card>
        <div className="orms-toolbar" role="search">
          <Input.Search aria-label={t('common.search')} placeholder={t('teams.search')} defaultValue={q} allowClear style={{ width: 260 }} onSearch={(v) => set({ q: v, page: null })} />
          <Select aria-label={t('teams.kind')} placeholder={t('teams.kind')} allowClear style={{ width: 240 }} value={kind}
            onChange={(v) => set({ kind: v, page: null })} options={TEAM_KINDS.map((k) => ({ value: k, label: t(`teamKinds.${k}`) }))} />
          <EntitySelect aria-label={t('teams.entity')} style={{ width: 240 }} value={entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('teams.location')} kind="duty_station" style={{ width: 220 }} value={locationId} onChange={(v) => set({ locationId: v, page: null })} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<Team> data-testid="teams-table" rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items}
            locale={{ emptyText: <EmptyList /> }} scroll={{ x: 800 }}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: number(n) }),
              onChange: (p, s) => set({ page: p, pageSize: s }) }}
            columns={[
              { title: t('teams.name'), dataIndex: 'name', render: (v: string, tm) => <Link to={`/org/teams/${tm.id}`}>{v}</Link> },
              { title: t('teams.kind'), dataIndex: 'kind', render: (k: string) => t(`teamKinds.${k}`, { defaultValue: k }) },
              { title: t('teams.entity'), dataIndex: 'entityId', render: (id: string | null) => (id ? entities.get(id)?.code ?? '…' : '—') },
              { title: t('teams.location'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
              { title: t('teams.members'), dataIndex: 'memberCount', width: 110, align: 'end', render: (n?: number) => number(n ?? 0) },
            ]} />
        )}
      </Card>
      {creating && <TeamForm open onClose={() => setCreating(false)} onSaved={(tm) => { void qc.invalidateQueries({ queryKey: ['teams'] }); navigate(`/org/teams/${tm.id}`); }} />}
    </>
  );
}
