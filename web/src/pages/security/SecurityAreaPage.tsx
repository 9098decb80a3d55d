import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Empty, Space, Steps, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AcceptableRiskReport, SecurityArea, SecurityLevelRecord, ThreatAssessment } from '../../api/riskTypes';
import { byId, useCountries, useDutyStations } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { useRights } from '../risk/rights';
import { LevelTag } from './levels';
import { SetLevelForm } from './SetLevelForm';
import { ThreatAssessmentForm } from './ThreatAssessmentForm';
import { AreaSras, useAreaSras } from './AreaSras';
import { AcceptableRisk } from './AcceptableRisk';
import { AreaForm } from './AreaForm';
import { StationCompliance } from './StationCompliance';

const heading = (text: string, id?: string) => <Typography.Title level={2} id={id} style={{ fontSize: 18, margin: 0 }}>{text}</Typography.Title>;
type Threat = ThreatAssessment['threats'][string];

/**
 * One security level area, in the order of the SRM process: threats → security level → SRA →
 * programme criticality and the acceptable-risk verdicts → MOSS gaps at its duty stations.
 */
export default function SecurityAreaPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const rights = useRights();
  const [dialog, setDialog] = useState<'level' | 'threat' | 'area'>();
  const area = useQuery({ queryKey: ['security', 'area', id], queryFn: () => api.get<SecurityArea>(`/security/areas/${id}`) });
  const levels = useQuery({ queryKey: ['security', 'levels', id], queryFn: () => api.get<SecurityLevelRecord[]>(`/security/areas/${id}/levels`) });
  const threats = useQuery({ queryKey: ['security', 'threats', id], queryFn: () => api.get<ThreatAssessment[]>(`/security/areas/${id}/threat-assessments`) });
  const sras = useAreaSras(id);
  const verdicts = useQuery({ queryKey: ['security', 'acceptable-risk', { areaId: id }], queryFn: () => api.get<AcceptableRiskReport>('/security/acceptable-risk', { areaId: id }) });
  const stations = byId(useDutyStations().data);
  const countries = useCountries().data;

  if (area.error) return <ErrorState error={area.error} onRetry={() => void area.refetch()} />;
  if (!area.data) return <PageLoading />;
  const a = area.data;
  const may = rights.area(a.locationIds);
  const country = countries?.find((c) => c.code === a.countryCode);
  const categories = (c: Record<string, number>) => Object.entries(c).map(([k, n]) => `${t(`threatCategories.${k}`, { defaultValue: k })}: ${n}`).join(' · ') || '—';
  const refresh = () => void qc.invalidateQueries({ queryKey: ['security'] });
  const done = [!!threats.data?.length, !!a.currentLevel, !!sras.data?.length, !!verdicts.data?.verdicts.length, !!verdicts.data && verdicts.data.unassessed.length === 0];
  const steps = ['threats', 'level', 'sra', 'programmes', 'verdicts', 'moss'].map((k, i) => ({
    title: <a href={`#step-${k}`}>{t(`srmEdit.steps.${k}`)}</a>, status: (i < 5 ? (done[i] ? 'finish' : 'wait') : 'process') as 'finish' | 'wait' | 'process',
  }));

  return (
    <>
      <PageHeader title={a.name} trail={[{ to: '/security', label: t('security.areas') }]} actions={may && <>
        <Button onClick={() => setDialog('area')}>{t('srmEdit.editArea')}</Button>
        <Button type="primary" onClick={() => setDialog('level')}>{t('security.setLevel')}</Button>
      </>} />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
            { key: 'country', label: t('security.country'), children: `${country ? country.names[i18n.language as 'en'] ?? country.names.en : ''} (${a.countryCode})` },
            { key: 'level', label: t('security.level'), children: <span data-testid="current-level"><LevelTag level={a.currentLevel?.level} /></span> },
            { key: 'stations', label: t('srmEdit.areaStations'), children: a.locationIds.length
              ? <Space wrap>{a.locationIds.map((l) => <Link key={l} to={`/risk/locations/${l}`}>{stations.get(l)?.name ?? '…'}</Link>)}</Space> : '—' },
          ]} />
          <Steps size="small" items={steps} style={{ marginTop: 12 }} aria-label={t('srmEdit.stepsLabel')} />
        </Card>
        <Card title={heading(t('security.threatAssessments'), 'step-threats')} extra={may && <Button onClick={() => setDialog('threat')}>{t('security.addThreatAssessment')}</Button>}>
          {threats.error ? <ErrorState error={threats.error} /> : (
            <Table<ThreatAssessment> rowKey="id" size="small" dataSource={threats.data} loading={threats.isFetching} pagination={false}
              locale={{ emptyText: <EmptyList /> }} data-testid="threat-assessments"
              expandable={{ rowExpandable: (x) => Object.values(x.threats).some((v) => v.intent || v.capability || v.context), expandedRowRender: (x) => (
                <Descriptions size="small" column={1} items={Object.entries(x.threats).map(([k, v]: [string, Threat]) => ({
                  key: k, label: t(`threatCategories.${k}`, { defaultValue: k }),
                  children: [v.intent && `${t('srmEdit.intent')}: ${v.intent}`, v.capability && `${t('srmEdit.capability')}: ${v.capability}`, v.context && `${t('srmEdit.context')}: ${v.context}`].filter(Boolean).join(' · ') || '—',
                }))} />) }}
              columns={[
                { title: t('security.assessedOn'), dataIndex: 'assessedOn', width: 130 },
                { title: t('security.proposedLevel'), dataIndex: 'proposedLevel', width: 190, render: (l: number | null) => <LevelTag level={l} /> },
                { title: t('security.categories'), key: 'threats', render: (_, x) => categories(Object.fromEntries(Object.entries(x.threats).map(([k, v]) => [k, v.level]))) },
                { title: t('security.summary'), dataIndex: 'summary' },
              ]} />
          )}
        </Card>
        <Card title={heading(t('security.levelHistory'), 'step-level')}>
          {levels.error ? <ErrorState error={levels.error} /> : (
            <Table<SecurityLevelRecord> rowKey="id" size="small" dataSource={levels.data} loading={levels.isFetching} pagination={false}
              locale={{ emptyText: <EmptyList /> }} data-testid="level-history"
              columns={[
                { title: t('security.effectiveFrom'), dataIndex: 'effectiveFrom', width: 130 },
                { title: t('security.level'), dataIndex: 'level', width: 190, render: (l: number) => <LevelTag level={l} /> },
                { title: t('security.categories'), dataIndex: 'categories', render: categories },
                { title: t('security.justification'), dataIndex: 'justification' },
                { title: t('srmEdit.decidedBy'), dataIndex: 'approvedBy', width: 200, render: (v: string | null) => v ?? '—' },
              ]} />
          )}
        </Card>
        <Card title={heading(t('security.sra'), 'step-sra')}><AreaSras areaId={a.id} editable={may} /></Card>
        <Card title={heading(t('security.acceptableRisk'), 'step-programmes')}>
          <span id="step-verdicts" />
          <AcceptableRisk query={{ areaId: a.id }} manage={{ stationIds: a.locationIds, sras: sras.data ?? [] }} />
        </Card>
        <Card title={heading(t('srmEdit.mossGaps'), 'step-moss')}>
          {!a.locationIds.length ? <Empty description={t('srmEdit.noStations')} /> : (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {a.locationIds.map((l) => (
                <div key={l} data-testid="station-compliance">
                  <Typography.Title level={3} style={{ fontSize: 15 }}>{stations.get(l)?.name ?? '…'}</Typography.Title>
                  <StationCompliance locationId={l} showGaps />
                </div>
              ))}
            </Space>
          )}
        </Card>
      </Space>
      {dialog === 'threat' && <ThreatAssessmentForm open areaId={a.id} onClose={() => setDialog(undefined)} onSaved={refresh} />}
      {dialog === 'level' && <SetLevelForm open areaId={a.id} basis={threats.data?.[0]} onClose={() => setDialog(undefined)} onSaved={refresh} />}
      {dialog === 'area' && <AreaForm open area={a} onClose={() => setDialog(undefined)} onSaved={refresh} />}
    </>
  );
}
