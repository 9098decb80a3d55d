import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { ApartmentOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { useFormat } from '../../i18n/format';
import { ApplicationForm } from './ApplicationForm';
import { ContinuityNav } from './ContinuityNav';
import { DependenciesCard } from './DependenciesCard';
import { DrTestForm } from './DrTestForm';
import { CONTINUITY_KEY, useContinuityRights, useDataCentres } from './hooks';
import { StateTag, useHours } from './labels';
import type { Application, DrTest } from './types';

/** One application or ICT service: its recovery capability, hosting with failover, DR tests and dependencies. */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { date } = useFormat();
  const hours = useHours();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const { canWriteRecord } = useContinuityRights();
  const [editing, setEditing] = useState(false);
  const [testing, setTesting] = useState(false);
  const app = useQuery({ queryKey: ['continuity', 'applications', 'one', id], queryFn: () => api.get<Application>(`/continuity/applications/${id}`) });
  const tests = useQuery({ queryKey: ['continuity', 'dr-tests', id], queryFn: () => api.get<DrTest[]>(`/continuity/applications/${id}/dr-tests`) });
  const dcs = useDataCentres();
  const entity = useEntities().data?.find((e) => e.id === app.data?.entityId);
  const refresh = () => void qc.invalidateQueries({ queryKey: CONTINUITY_KEY });

  if (app.error) return <ErrorState error={app.error} onRetry={() => void app.refetch()} />;
  if (!app.data) return <PageLoading />;
  const a = app.data;
  const canWrite = canWriteRecord(a);
  const dcById = new Map((dcs.data ?? []).map((d) => [d.id, d]));
  const hosting = a.dataCentreIds.map((dcId, i) => {
    const d = dcById.get(dcId);
    const fo = d?.failover ? dcById.get(d.failover.dataCentreId) : undefined;
    return (
      <div key={dcId}>
        {i === 0 ? t('itdrApps.primary') : t('itdrApps.secondary')}: {d?.name ?? '…'}
        {d?.failover && <> — {t('itdrDc.failsOverTo', { name: fo?.name ?? '…', time: hours(d.failover.activationHours) })} <StateTag group="readiness" value={d.failover.readiness} /></>}
      </div>
    );
  });
  const h2 = (text: string) => <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{text}</Typography.Title>;

  return (
    <>
      <PageHeader title={a.name} trail={[{ to: '/itdr', label: t('itdrApps.title') }]} actions={<>
        <Button icon={<ApartmentOutlined />} onClick={() => navigate(`/continuity/map?focus=${a.id}`)}>{t('bcProcess.onMap')}</Button>
        {canWrite && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
        {canWrite && <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(a.name, `/continuity/applications/${a.id}`, () => { refresh(); navigate('/itdr'); })}>{t('common.delete')}</Button>}
      </>} />
      <ContinuityNav area="itdr" />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }} data-testid="application-details" items={[
            { key: 'kind', label: t('itdrApps.kind'), children: t(`itdrApps.kinds.${a.kind}`) },
            { key: 'criticality', label: t('itdrApps.criticality'), children: <StateTag group="criticality" value={a.criticality} /> },
            { key: 'owner', label: t('itdrApps.entity'), children: entity ? `${entity.code} — ${entity.name}` : t('itdrApps.enterprise') },
            { key: 'rto', label: t('itdrApps.achievableRto'), children: a.achievableRtoHours === null ? t('itdrApps.notTested') : hours(a.achievableRtoHours) },
            { key: 'rpo', label: t('itdrApps.achievableRpo'), children: hours(a.achievableRpoHours) },
            { key: 'tested', label: t('itdrApps.lastTested'), children: a.lastTestedOn ? date(a.lastTestedOn) : '—' },
            { key: 'replication', label: t('itdrApps.replication'), children: t(`itdrApps.replications.${a.replication}`) },
            { key: 'backup', label: t('itdrApps.backup'), children: a.backupMethod || '—' },
            { key: 'plan', label: t('itdrApps.drPlan'), children: a.drPlanUrl ? <a href={a.drPlanUrl} target="_blank" rel="noreferrer">{a.drPlanUrl}</a> : '—' },
            { key: 'hosting', label: t('itdrApps.hosting'), children: hosting.length ? hosting : '—', span: 3 },
            { key: 'description', label: t('itdrApps.description'), children: a.description || '—', span: 3 },
          ]} />
        </Card>
        <Card title={h2(t('itdrTests.title'))} extra={canWrite && <Button icon={<PlusOutlined />} onClick={() => setTesting(true)}>{t('itdrTests.create')}</Button>}>
          {tests.error ? <ErrorState error={tests.error} onRetry={() => void tests.refetch()} /> : (
            <Table<DrTest> rowKey="id" size="middle" dataSource={tests.data} loading={tests.isFetching} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="dr-tests"
              locale={{ emptyText: <EmptyList description={t('itdrTests.empty')} /> }}
              columns={[
                { title: t('itdrTests.testedOn'), dataIndex: 'testedOn', width: 140, render: (d: string) => date(d) },
                { title: t('itdrTests.result'), dataIndex: 'result', width: 110, render: (r: string) => <StateTag group="drResult" value={r} /> },
                { title: t('itdrTests.achievedRto'), dataIndex: 'achievedRtoHours', width: 150, render: (h: number | null) => hours(h) },
                { title: t('itdrTests.achievedRpo'), dataIndex: 'achievedRpoHours', width: 150, render: (h: number | null) => hours(h) },
                { title: t('itdrTests.notes'), dataIndex: 'notes', render: (n: string) => n || '—' },
              ]} />
          )}
        </Card>
        <DependenciesCard fromId={a.id} fromType="application" fromName={a.name} canEdit={canWrite} />
      </Space>
      {editing && <ApplicationForm application={a} onClose={() => setEditing(false)} onSaved={refresh} />}
      {testing && <DrTestForm applicationId={a.id} onClose={() => setTesting(false)} onSaved={refresh} />}
    </>
  );
}
