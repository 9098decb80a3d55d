import { useState } from 'react';
import { Button, Card, Input, Space, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import { byId, useDutyStations } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { ContinuityNav } from './ContinuityNav';
import { VendorForm } from './VendorForm';
import { CONTINUITY_KEY, useContinuityRights } from './hooks';
import { useHours } from './labels';
import type { Vendor } from './types';

/** Vendors and third parties with their contracted restoration time (SLA). */
export default function VendorsPage() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const hours = useHours();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const { canWrite, canWriteRecord } = useContinuityRights();
  const { get, num, set } = useUrlParams();
  const [editing, setEditing] = useState<Vendor | 'new'>();
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const query = { page, pageSize, q: get('q') };
  const list = useQuery({ queryKey: ['continuity', 'vendors', query], queryFn: ({ signal }) => api.get<Page<Vendor>>('/continuity/vendors', query, signal), placeholderData: keepPreviousData });
  const stations = byId(useDutyStations(!!list.data).data);
  const refresh = () => void qc.invalidateQueries({ queryKey: CONTINUITY_KEY });

  return (
    <>
      <PageHeader title={t('itdrVendors.title')} actions={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('itdrVendors.create')}</Button>} />
      <ContinuityNav area="itdr" />
      <Card>
        <div className="orms-toolbar" role="search">
          <Input.Search aria-label={t('common.search')} placeholder={t('common.search')} allowClear style={{ width: 240 }} defaultValue={query.q} onSearch={(v) => set({ q: v, page: null })} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="vendors-table" data-ready={String(!list.isFetching && !!list.data)}>
            <Table<Vendor> rowKey="id" dataSource={list.data?.items} loading={{ spinning: list.isFetching, delay: 250 }} scroll={{ x: 900 }}
              locale={{ emptyText: <EmptyList description={t('itdrVendors.empty')} /> }}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('itdrVendors.name'), dataIndex: 'name' },
                { title: t('itdrVendors.service'), dataIndex: 'service', render: (s: string) => s || '—' },
                { title: t('itdrVendors.sla'), dataIndex: 'slaHours', width: 120, render: (h: number | null) => (h === null ? <Typography.Text type="warning">{t('itdrVendors.noSla')}</Typography.Text> : hours(h)) },
                { title: t('itdrVendors.dutyStation'), dataIndex: 'locationId', width: 160, render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('itdrVendors.contact'), dataIndex: 'contact', render: (c: string) => c || '—' },
                ...(canWrite ? [{ title: t('common.actions'), key: 'actions', width: 110, render: (_: unknown, v: Vendor) => (canWriteRecord(v) &&
                  <Space>
                    <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')}: ${v.name}`} onClick={() => setEditing(v)} />
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')}: ${v.name}`} onClick={() => confirmDelete(v.name, `/continuity/vendors/${v.id}`, refresh)} />
                  </Space>) }] : []),
              ]} />
          </div>
        )}
      </Card>
      {editing && <VendorForm vendor={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </>
  );
}
