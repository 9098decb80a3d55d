import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { ApartmentOutlined, DeleteOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import { useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/states';
import { useConfirmDelete } from '../../components/useDelete';
import { PersonName } from '../risk/TreatmentTable';
import { ContinuityNav } from './ContinuityNav';
import { DependenciesCard } from './DependenciesCard';
import { GapTable } from './GapTable';
import { ProcessForm } from './ProcessForm';
import { StrategiesCard } from './StrategiesCard';
import { CONTINUITY_KEY, useContinuityRights } from './hooks';
import { StateTag, useHours } from './labels';
import type { Campaign, Gap, Process } from './types';

/** One critical process: its BIA answers, BC strategies, dependencies and RTO/RPO gaps. */
export default function ProcessPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const hours = useHours();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const confirmDelete = useConfirmDelete();
  const { canRead, canWrite } = useContinuityRights();
  const [editing, setEditing] = useState(false);
  const process = useQuery({ queryKey: ['continuity', 'processes', 'one', id], queryFn: () => api.get<Process>(`/continuity/processes/${id}`) });
  const campaignId = process.data?.campaignId;
  const campaign = useQuery({ queryKey: ['continuity', 'campaigns', 'one', campaignId], queryFn: () => api.get<Campaign>(`/continuity/campaigns/${campaignId}`), enabled: !!campaignId });
  const gaps = useQuery({ queryKey: ['continuity', 'gaps', { processId: id }], queryFn: () => api.get<Page<Gap>>('/continuity/gaps', { processId: id, pageSize: 200 }), enabled: canRead });
  const station = useLocation(process.data?.locationId);
  const refresh = () => void qc.invalidateQueries({ queryKey: CONTINUITY_KEY });

  if (process.error) return <ErrorState error={process.error} onRetry={() => void process.refetch()} />;
  if (!process.data) return <PageLoading />;
  const p = process.data;
  const c = campaign.data;
  const h2 = (text: string) => <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{text}</Typography.Title>;

  return (
    <>
      <PageHeader title={p.name} trail={[{ to: '/continuity/processes', label: t('bcProcess.register') }, ...(c ? [{ to: `/continuity/campaigns/${c.id}`, label: c.name }] : [])]} actions={<>
        <Button icon={<FormOutlined />} onClick={() => navigate(`/continuity/processes/${p.id}/questionnaire`)}>{t('bcProcess.openQuestionnaire')}</Button>
        <Button icon={<ApartmentOutlined />} onClick={() => navigate(`/continuity/map?focus=${p.id}`)}>{t('bcProcess.onMap')}</Button>
        {canWrite && c && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
        {canWrite && c?.status === 'draft' && (
          <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(p.name, `/continuity/processes/${p.id}`, () => { refresh(); navigate(`/continuity/campaigns/${p.campaignId}`); })}>{t('common.delete')}</Button>)}
      </>} />
      <ContinuityNav area="continuity" />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title={h2(t('bcProcess.bia'))}>
          <Descriptions column={{ xs: 1, md: 3 }} data-testid="process-details" items={[
            { key: 'mtpd', label: t('bcProcess.mtpd'), children: hours(p.mtpdHours) },
            { key: 'rto', label: t('bcProcess.rto'), children: hours(p.rtoHours) },
            { key: 'rpo', label: t('bcProcess.rpo'), children: hours(p.rpoHours) },
            { key: 'owner', label: t('bcProcess.owner'), children: p.ownerPersonId ? <PersonName id={p.ownerPersonId} /> : '—' },
            { key: 'station', label: t('bcProcess.dutyStation'), children: station.data?.name ?? '—' },
            { key: 'status', label: t('bcProcess.questionnaire'), children: <StateTag group="questionnaireStatus" value={p.questionnaireStatus} /> },
            { key: 'staff', label: t('bcProcess.minimumStaff'), children: p.minimumStaff === null ? '—' : `${p.minimumStaff} / ${p.staffCount ?? '?'}` },
            { key: 'overTime', label: t('bcQuestionnaire.minimumOverTime'), children: p.minimumStaffOverTime.some((v) => v !== null)
              ? p.timePointsHours.map((h, i) => `${hours(h)}: ${p.minimumStaffOverTime[i] ?? '—'}`).join(' · ') : '—' },
            { key: 'remote', label: t('bcQuestionnaire.remoteWork'), children: p.remoteWork ? t(`bc.remoteWork.${p.remoteWork}`) : '—' },
            { key: 'peak', label: t('bcQuestionnaire.peakPeriods'), children: p.peakPeriods.join('; ') || '—' },
            { key: 'records', label: t('bcQuestionnaire.vitalRecords'), children: p.vitalRecords.join('; ') || '—' },
            { key: 'workarounds', label: t('bcQuestionnaire.workarounds'), children: p.workarounds || '—' },
            { key: 'description', label: t('bcProcess.description'), children: p.description || '—', span: 3 },
          ]} />
        </Card>
        <StrategiesCard processId={p.id} canEdit={canWrite} />
        <DependenciesCard fromId={p.id} fromType="process" fromName={p.name} canEdit={canWrite} />
        {canRead && (
          <Card title={h2(t('bcGaps.ofProcess'))}>
            {gaps.error ? <ErrorState error={gaps.error} onRetry={() => void gaps.refetch()} />
              : <GapTable items={gaps.data?.items} loading={gaps.isFetching} showProcess={false} testId="process-gaps" />}
          </Card>
        )}
      </Space>
      {editing && c && <ProcessForm campaign={c} process={p} onClose={() => setEditing(false)} onSaved={refresh} />}
    </>
  );
}
