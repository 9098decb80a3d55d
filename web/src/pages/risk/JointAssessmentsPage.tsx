import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { JOINT_ASSESSMENT_STATUSES } from '../../../../src/domain/risk/components.js';
import { api, type Page } from '../../api/client';
import type { JointAssessment } from '../../api/riskTypes';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { LocationSelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { JointAssessmentForm } from './JointAssessmentForm';
import { useRights } from './rights';

/** Joint risk assessments you take part in or that are held at your duty stations. */
export default function JointAssessmentsPage() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const navigate = useNavigate();
  const rights = useRights();
  const { get, num, set } = useUrlParams();
  const [creating, setCreating] = useState(false);
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const query = { page, pageSize, locationId: get('locationId'), status: get('status') };
  const list = useQuery({ queryKey: ['joint', 'list', query], queryFn: ({ signal }) => api.get<Page<JointAssessment>>('/joint-assessments', query, signal), placeholderData: keepPreviousData });
  const stations = byId(useDutyStations().data);
  const entities = byId(useEntities().data);
  return (
    <>
      <PageHeader title={t('riskJoint.title')} trail={[{ to: '/risk', label: t('nav.risk') }]}
        actions={rights.anyRisk && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('riskJoint.create')}</Button>} />
      <Card>
        <div className="orms-toolbar" role="search">
          <LocationSelect aria-label={t('risk.dutyStation')} kind="duty_station" style={{ width: 220 }} value={query.locationId} onChange={(v) => set({ locationId: v, page: null })} />
          <Select aria-label={t('riskJoint.status')} placeholder={t('riskJoint.status')} allowClear style={{ width: 160 }} value={query.status}
            onChange={(v) => set({ status: v, page: null })} options={JOINT_ASSESSMENT_STATUSES.map((s) => ({ value: s, label: t(`riskJoint.statuses.${s}`) }))} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="joint-table" data-ready={String(!list.isFetching && !!list.data)}>
            <Table<JointAssessment> rowKey="id" dataSource={list.data?.items} loading={{ spinning: list.isFetching, delay: 250 }}
              locale={{ emptyText: <EmptyList description={t('riskJoint.none')} /> }}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('riskJoint.assessment'), dataIndex: 'title', render: (v: string, j) => <Link to={`/risk/joint/${j.id}`}>{v}</Link> },
                { title: t('risk.dutyStation'), dataIndex: 'locationId', render: (id: string) => stations.get(id)?.name ?? '…' },
                { title: t('riskJoint.assessedOn'), dataIndex: 'assessedOn', width: 130 },
                { title: t('riskJoint.status'), dataIndex: 'status', width: 130, render: (s: string) => <Tag color={s === 'completed' ? 'success' : s === 'in_progress' ? 'processing' : 'default'}>{t(`riskJoint.statuses.${s}`, { defaultValue: s })}</Tag> },
                { title: t('riskJoint.entities'), dataIndex: 'entityIds', render: (ids: string[]) => <Space wrap size={4}>{ids.map((e) => <Tag key={e}>{entities.get(e)?.code ?? '…'}</Tag>)}</Space> },
              ]} />
          </div>
        )}
      </Card>
      {creating && <JointAssessmentForm open locationId={query.locationId} onClose={() => setCreating(false)} onSaved={(j) => navigate(`/risk/joint/${j.id}`)} />}
    </>
  );
}
