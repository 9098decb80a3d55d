import { useState } from 'react';
import { useParams } from 'react-router';
import { Button, Card, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { SecurityArea, SecurityLevelRecord, ThreatAssessment } from '../../api/riskTypes';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { LevelTag } from './levels';
import { SetLevelForm } from './SetLevelForm';
import { ThreatAssessmentForm } from './ThreatAssessmentForm';
import { AreaSras } from './AreaSras';
import { AcceptableRisk } from './AcceptableRisk';

const heading = (text: string) => <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{text}</Typography.Title>;

/** One security level area: its level and history, threat assessments, SRA and programmes' acceptable risk. */
export default function SecurityAreaPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [setting, setSetting] = useState(false);
  const [assessing, setAssessing] = useState(false);
  const area = useQuery({ queryKey: ['security', 'area', id], queryFn: () => api.get<SecurityArea>(`/security/areas/${id}`) });
  const levels = useQuery({ queryKey: ['security', 'levels', id], queryFn: () => api.get<SecurityLevelRecord[]>(`/security/areas/${id}/levels`) });
  const threats = useQuery({ queryKey: ['security', 'threats', id], queryFn: () => api.get<ThreatAssessment[]>(`/security/areas/${id}/threat-assessments`) });

  if (area.error) return <ErrorState error={area.error} onRetry={() => void area.refetch()} />;
  if (!area.data) return <PageLoading />;
  const a = area.data;
  const categories = (c: Record<string, number>) => Object.entries(c).map(([k, n]) => `${t(`threatCategories.${k}`, { defaultValue: k })}: ${n}`).join(' · ') || '—';

  return (
    <>
      <PageHeader title={a.name} trail={[{ to: '/security', label: t('security.areas') }]} actions={
        <Button type="primary" onClick={() => setSetting(true)}>{t('security.setLevel')}</Button>} />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title={heading(t('security.levelHistory'))} extra={<span data-testid="current-level"><LevelTag level={a.currentLevel?.level} /></span>}>
          {levels.error ? <ErrorState error={levels.error} /> : (
            <Table<SecurityLevelRecord> rowKey="id" size="small" dataSource={levels.data} loading={levels.isFetching} pagination={false}
              locale={{ emptyText: <EmptyList /> }} data-testid="level-history"
              columns={[
                { title: t('security.effectiveFrom'), dataIndex: 'effectiveFrom', width: 130 },
                { title: t('security.level'), dataIndex: 'level', width: 190, render: (l: number) => <LevelTag level={l} /> },
                { title: t('security.categories'), dataIndex: 'categories', render: categories },
                { title: t('security.justification'), dataIndex: 'justification' },
              ]} />
          )}
        </Card>
        <Card title={heading(t('security.threatAssessments'))} extra={<Button onClick={() => setAssessing(true)}>{t('security.addThreatAssessment')}</Button>}>
          {threats.error ? <ErrorState error={threats.error} /> : (
            <Table<ThreatAssessment> rowKey="id" size="small" dataSource={threats.data} loading={threats.isFetching} pagination={false}
              locale={{ emptyText: <EmptyList /> }} data-testid="threat-assessments"
              columns={[
                { title: t('security.assessedOn'), dataIndex: 'assessedOn', width: 130 },
                { title: t('security.proposedLevel'), dataIndex: 'proposedLevel', width: 190, render: (l: number | null) => <LevelTag level={l} /> },
                { title: t('security.categories'), key: 'threats', render: (_, x) => categories(Object.fromEntries(Object.entries(x.threats).map(([k, v]) => [k, v.level]))) },
                { title: t('security.summary'), dataIndex: 'summary' },
              ]} />
          )}
        </Card>
        <Card title={heading(t('security.sra'))}><AreaSras areaId={a.id} /></Card>
        <Card title={heading(t('security.acceptableRisk'))}><AcceptableRisk countryCode={a.countryCode} /></Card>
      </Space>
      {assessing && <ThreatAssessmentForm open areaId={a.id} onClose={() => setAssessing(false)} onSaved={() => void qc.invalidateQueries({ queryKey: ['security', 'threats', a.id] })} />}
      {setting && <SetLevelForm open areaId={a.id} onClose={() => setSetting(false)} onSaved={() => void qc.invalidateQueries({ queryKey: ['security'] })} />}
    </>
  );
}
