import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Space, Table } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { ContinuityNav } from './ContinuityNav';
import { DataCentreForm } from './DataCentreForm';
import { CONTINUITY_KEY, useContinuityRights, useDataCentres } from './hooks';
import { StateTag, useHours } from './labels';
import type { DataCentre } from './types';

/** Data centres with where they stand and their failover pairs (primary → secondary). */
export default function DataCentresPage() {
  const { t } = useTranslation();
  const hours = useHours();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const { canWrite, canWriteRecord } = useContinuityRights();
  const [editing, setEditing] = useState<DataCentre | 'new'>();
  const list = useDataCentres();
  const stations = byId(useDutyStations(!!list.data).data);
  const entities = byId(useEntities().data);
  const names = new Map((list.data ?? []).map((d) => [d.id, d.name]));
  const refresh = () => void qc.invalidateQueries({ queryKey: CONTINUITY_KEY });

  return (
    <>
      <PageHeader title={t('itdrDc.title')} actions={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('itdrDc.create')}</Button>} />
      <ContinuityNav area="itdr" />
      <Card>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="data-centres-table" data-ready={String(!list.isFetching && !!list.data)}>
            <Table<DataCentre> rowKey="id" dataSource={list.data} loading={{ spinning: list.isFetching, delay: 250 }} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 1000 }}
              locale={{ emptyText: <EmptyList description={t('itdrDc.empty')} /> }}
              columns={[
                { title: t('itdrDc.name'), dataIndex: 'name', render: (v: string, d) => <Link to={`/itdr?dataCentreId=${d.id}`} aria-label={t('itdrDc.appsOf', { name: v })}>{v}</Link> },
                { title: t('itdrDc.dutyStation'), dataIndex: 'dutyStationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('itdrDc.tier'), dataIndex: 'tier', width: 80, render: (v: string | null) => v ?? '—' },
                { title: t('itdrApps.entity'), dataIndex: 'entityId', width: 120, render: (id: string | null) => (id ? entities.get(id)?.code ?? '…' : t('itdrApps.enterprise')) },
                { title: t('itdrDc.failover'), key: 'failover', render: (_, d) => (d.failover ? (
                  <Space wrap size={4} data-testid={`failover-${d.id}`}>{names.get(d.failover.dataCentreId) ?? '…'} <StateTag group="readiness" value={d.failover.readiness} /> {hours(d.failover.activationHours)}</Space>
                ) : t('itdrDc.noFailover')) },
                ...(canWrite ? [{ title: t('common.actions'), key: 'actions', width: 110, render: (_: unknown, d: DataCentre) => (canWriteRecord({ entityId: d.entityId, locationId: null }) &&
                  <Space>
                    <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')}: ${d.name}`} onClick={() => setEditing(d)} />
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')}: ${d.name}`} onClick={() => confirmDelete(d.name, `/continuity/data-centres/${d.id}`, refresh)} />
                  </Space>) }] : []),
              ]} />
          </div>
        )}
      </Card>
      {editing && <DataCentreForm dataCentre={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </>
  );
}
