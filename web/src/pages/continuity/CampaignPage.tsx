import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Progress, Space, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import { useEntities, useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { PersonName } from '../risk/TreatmentTable';
import { useFormat } from '../../i18n/format';
import { ContinuityNav } from './ContinuityNav';
import { CampaignForm } from './CampaignForm';
import { CampaignWorkflow } from './CampaignWorkflow';
import { ProcessForm } from './ProcessForm';
import { CONTINUITY_KEY, useContinuityRights } from './hooks';
import { StateTag, useHours } from './labels';
import type { Campaign, Process } from './types';

/** One BIA campaign: its processes with questionnaire progress, then review and approval. */
export default function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { dateTime, date } = useFormat();
  const hours = useHours();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const { canWrite, personId } = useContinuityRights();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const campaign = useQuery({ queryKey: ['continuity', 'campaigns', 'one', id], queryFn: () => api.get<Campaign>(`/continuity/campaigns/${id}`) });
  const processes = useQuery({ queryKey: ['continuity', 'processes', { campaignId: id }], queryFn: () => api.get<Page<Process>>('/continuity/processes', { campaignId: id, pageSize: 500 }) });
  const entity = useEntities().data?.find((e) => e.id === campaign.data?.entityId);
  const station = useLocation(campaign.data?.locationId);
  const refresh = () => void qc.invalidateQueries({ queryKey: CONTINUITY_KEY });

  if (campaign.error) return <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (!campaign.data) return <PageLoading />;
  const c = campaign.data;
  const draft = c.status === 'draft';
  const items = processes.data?.items ?? [];
  const open = items.filter((p) => p.questionnaireStatus !== 'submitted');
  const firstToAnswer = open[0] ?? items[0];

  return (
    <>
      <PageHeader title={c.name} trail={[{ to: '/continuity', label: t('bcCampaign.title') }]} actions={<>
        {firstToAnswer && draft && (
          <Button icon={<FormOutlined />} onClick={() => navigate(`/continuity/processes/${firstToAnswer.id}/questionnaire`)}>{t('bcCampaign.answer')}</Button>)}
        {canWrite && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
        {canWrite && (
          <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(c.name, `/continuity/campaigns/${c.id}`, () => { refresh(); navigate('/continuity'); })}>{t('common.delete')}</Button>)}
      </>} />
      <ContinuityNav area="continuity" />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }} data-testid="campaign-details" items={[
            { key: 'status', label: t('bcCampaign.status'), children: <StateTag group="campaignStatus" value={c.status} /> },
            { key: 'entity', label: t('bcCampaign.entity'), children: entity ? `${entity.code} — ${entity.name}` : '—' },
            { key: 'station', label: t('bcCampaign.dutyStation'), children: station.data?.name ?? '—' },
            { key: 'owner', label: t('bcCampaign.owner'), children: c.ownerPersonId ? <PersonName id={c.ownerPersonId} /> : '—' },
            { key: 'period', label: t('bcCampaign.period'), children: c.periodStart || c.periodEnd ? `${date(c.periodStart) || '…'} – ${date(c.periodEnd) || '…'}` : '—' },
            { key: 'points', label: t('bcCampaign.timePoints'), children: c.timePointsHours.map((h) => hours(h)).join(' · ') },
            { key: 'submitted', label: t('bcCampaign.submitted'), children: c.submittedAt ? `${dateTime(c.submittedAt)} · ${c.submittedBy ?? ''}` : '—' },
            { key: 'approved', label: t('bcCampaign.approved'), children: c.approvedAt ? `${dateTime(c.approvedAt)} · ${c.approvedBy ?? ''}` : '—' },
          ]} />
          <CampaignWorkflow campaign={c} />
          {c.status === 'in_review' && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('bcCampaign.reviewHelp')} />}
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('bcCampaign.processes')}</Typography.Title>}
          extra={canWrite && draft && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('bcProcess.create')}</Button>}>
          {processes.error ? <ErrorState error={processes.error} onRetry={() => void processes.refetch()} /> : (
            <Table<Process> rowKey="id" size="middle" dataSource={processes.data?.items} loading={processes.isFetching} data-testid="campaign-processes"
              pagination={false} locale={{ emptyText: <EmptyList description={t('bcCampaign.noProcesses')} /> }} scroll={{ x: 900 }}
              columns={[
                { title: t('bcProcess.name'), dataIndex: 'name', render: (v: string, p) => <Link to={`/continuity/processes/${p.id}`}>{v}</Link> },
                { title: t('bcProcess.owner'), dataIndex: 'ownerPersonId', render: (o: string | null) => (o ? <PersonName id={o} /> : '—') },
                { title: t('bcProcess.progress'), dataIndex: 'questionnaireProgress', width: 170, render: (n: number, p) => (
                  <Progress percent={n} size="small" aria-label={t('bcProcess.progressOf', { name: p.name, n })} />) },
                { title: t('bcProcess.questionnaire'), dataIndex: 'questionnaireStatus', width: 140, render: (s: string) => <StateTag group="questionnaireStatus" value={s} /> },
                { title: t('bcProcess.mtpd'), dataIndex: 'mtpdHours', width: 90, render: (h: number | null) => hours(h) },
                { title: t('bcProcess.rto'), dataIndex: 'rtoHours', width: 90, render: (h: number | null) => hours(h) },
                { title: t('bcProcess.rpo'), dataIndex: 'rpoHours', width: 90, render: (h: number | null) => hours(h) },
                { title: t('bcProcess.minimumStaff'), dataIndex: 'minimumStaff', width: 110, render: (n: number | null) => n ?? '—' },
                { title: t('common.actions'), key: 'actions', width: 130, render: (_, p) => (draft && (canWrite || p.ownerPersonId === personId)
                  ? <Link to={`/continuity/processes/${p.id}/questionnaire`} aria-label={`${t('bcCampaign.answerOne')}: ${p.name}`}>{t('bcCampaign.answerOne')}</Link>
                  : <Link to={`/continuity/processes/${p.id}/questionnaire`} aria-label={`${t('bcCampaign.review')}: ${p.name}`}>{t('bcCampaign.review')}</Link>) },
              ]} />
          )}
        </Card>
      </Space>
      {editing && <CampaignForm campaign={c} onClose={() => setEditing(false)} onSaved={refresh} />}
      {adding && <ProcessForm campaign={c} onClose={() => setAdding(false)} onSaved={refresh} />}
    </>
  );
}
