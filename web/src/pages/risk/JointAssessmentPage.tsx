import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { bandRank, type RiskBand } from '../../../../src/domain/risk/bands.js';
import { api, type Page } from '../../api/client';
import type { JointAssessment, JointRating, Risk } from '../../api/riskTypes';
import { byId, useEntities, useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { canRateFor } from '../../../../src/modules/risk/policy.js';
import { BandTag, useMatrices, useMatrixOf } from './matrix';
import { JointAssessmentForm } from './JointAssessmentForm';
import { ScenarioForm } from './ScenarioForm';
import { RateForm } from './RateForm';
import { useRights, usePrincipal } from './rights';

/** Bands two entities gave the same scenario differ by at least this much: worth discussing in the workshop. */
const DISAGREEMENT = 2;

/** A joint risk assessment: the scenarios as rows, each participating entity's latest ratings side by side, and the consolidated (worst) rating. */
export default function JointAssessmentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const rights = useRights();
  const principal = usePrincipal();
  const [dialog, setDialog] = useState<'edit' | 'scenario' | { risk: Risk; entityId: string }>();
  const ja = useQuery({ queryKey: ['joint', 'one', id], queryFn: () => api.get<JointAssessment>(`/joint-assessments/${id}`) });
  const scenarios = useQuery({ queryKey: ['risks', 'list', { jointAssessmentId: id }], queryFn: () => api.get<Page<Risk>>('/risks', { jointAssessmentId: id, pageSize: 200, sort: 'title' }) });
  const ratings = useQuery({ queryKey: ['joint', 'ratings', id], queryFn: () => api.get<JointRating[]>(`/joint-assessments/${id}/ratings`) });
  const entities = byId(useEntities().data);
  const matrices = useMatrices().data;
  const matrix = useMatrixOf(ja.data?.matrixId);
  const station = useLocation(ja.data?.locationId);

  if (ja.error) return <ErrorState error={ja.error} onRetry={() => void ja.refetch()} />;
  if (!ja.data) return <PageLoading />;
  const a = ja.data;
  const place = { entityId: null, locationId: a.locationId, participants: a.entityIds };
  const mayWrite = rights.risk(place);
  const mayRate = (entityId: string) => !!principal && canRateFor(principal, place, entityId);
  const version = matrices?.find((m) => m.id === a.matrixId);
  const latest = (riskId: string, entityId: string, kind: string) => ratings.data?.find((r) => r.riskId === riskId && r.entityId === entityId && r.kind === kind);
  const refresh = () => { void qc.invalidateQueries({ queryKey: ['joint'] }); void qc.invalidateQueries({ queryKey: ['risks'] }); };
  const spread = (riskId: string, kind: string) => {
    const bands = a.entityIds.map((e) => latest(riskId, e, kind)?.band).filter((b): b is string => !!b).map((b) => bandRank(b as RiskBand));
    return bands.length > 1 ? Math.max(...bands) - Math.min(...bands) : 0;
  };
  const rated = (r: JointRating | undefined, label: string) => (r
    ? <Tooltip title={`${label}: ${matrix.likelihoods[r.likelihood - 1]?.label ?? r.likelihood} × ${matrix.impacts[r.impact - 1]?.label ?? r.impact}${r.note ? ` — ${r.note}` : ''}`}>
      <span><BandTag band={r.band} /></span></Tooltip>
    : <Typography.Text type="secondary">{t('riskJoint.notYet')}</Typography.Text>);

  return (
    <>
      <PageHeader title={a.title} trail={[{ to: '/risk', label: t('nav.risk') }, { to: '/risk/joint', label: t('riskJoint.title') }]} actions={mayWrite && <>
        <Button onClick={() => setDialog('edit')}>{t('common.edit')}</Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('scenario')}>{t('riskJoint.addScenario')}</Button>
      </>} />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 4 }} data-testid="joint-details" items={[
            { key: 'station', label: t('risk.dutyStation'), children: station.data ? <Link to={`/risk/locations/${a.locationId}`}>{station.data.name}</Link> : '…' },
            { key: 'on', label: t('riskJoint.assessedOn'), children: a.assessedOn },
            { key: 'status', label: t('riskJoint.status'), children: <Tag>{t(`riskJoint.statuses.${a.status}`, { defaultValue: a.status })}</Tag> },
            { key: 'matrix', label: t('riskJoint.matrix'), children: version ? `${version.name} · ${t('riskMatrices.version', { n: version.version })}` : '…' },
            { key: 'entities', label: t('riskJoint.entities'), span: 4, children: <Space wrap>{a.entityIds.map((e) => <Tag key={e} color="blue">{entities.get(e) ? `${entities.get(e)!.code} — ${entities.get(e)!.name}` : '…'}</Tag>)}</Space> },
          ]} />
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('riskJoint.howItWorks')} />
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('riskJoint.sideBySide')}</Typography.Title>}>
          {scenarios.error ? <ErrorState error={scenarios.error} onRetry={() => void scenarios.refetch()} /> : (
            <div data-testid="joint-side-by-side" data-ready={String(!!scenarios.data && !!ratings.data && !scenarios.isFetching && !ratings.isFetching)}>
              <Table<Risk> rowKey="id" size="small" dataSource={scenarios.data?.items} loading={scenarios.isFetching || ratings.isFetching} pagination={false}
                scroll={{ x: 360 + a.entityIds.length * 230 }} locale={{ emptyText: <EmptyList description={t('riskJoint.noScenarios')} /> }}
                columns={[
                  { title: t('riskJoint.scenario'), key: 'title', fixed: 'left', width: 260, render: (_, r) => (
                    <Space orientation="vertical" size={2}>
                      <Link to={`/risk/risks/${r.id}`}>{r.title}</Link>
                      <Space wrap size={2}>{r.components.map((c) => <Tag key={c} style={{ fontSize: 11 }}>{t(`riskComponents.${c}`, { defaultValue: c })}</Tag>)}</Space>
                      {(spread(r.id, 'inherent') >= DISAGREEMENT || spread(r.id, 'residual') >= DISAGREEMENT) && <Tag color="warning" data-testid="disagreement">{t('riskJoint.disagree')}</Tag>}
                    </Space>) },
                  ...a.entityIds.map((e) => ({
                    title: entities.get(e)?.code ?? '…', key: e, width: 230,
                    render: (_: unknown, r: Risk) => (
                      <Space orientation="vertical" size={2} data-testid={`rating-${entities.get(e)?.code ?? e}`}>
                        <span>{t('risk.inherent')}: {rated(latest(r.id, e, 'inherent'), t('risk.inherent'))}</span>
                        <span>{t('risk.residual')}: {rated(latest(r.id, e, 'residual'), t('risk.residual'))}</span>
                        {mayRate(e) && <Button size="small" onClick={() => setDialog({ risk: r, entityId: e })}
                          aria-label={t('riskJoint.rateFor', { entity: entities.get(e)?.code ?? '', scenario: r.title })}>{t('riskJoint.rate')}</Button>}
                      </Space>),
                  })),
                  { title: t('riskJoint.consolidated'), key: 'consolidated', width: 170, render: (_: unknown, r: Risk) => (
                    <Space orientation="vertical" size={2} data-testid="consolidated">
                      <span>{t('risk.inherent')}: <BandTag band={r.inherent.band} /></span>
                      <span>{t('risk.residual')}: <BandTag band={r.residual?.band} /></span>
                    </Space>) },
                ]} />
            </div>
          )}
        </Card>
      </Space>
      {dialog === 'edit' && <JointAssessmentForm open assessment={a} onClose={() => setDialog(undefined)} onSaved={refresh} />}
      {dialog === 'scenario' && <ScenarioForm open assessmentId={a.id} matrix={matrix} onClose={() => setDialog(undefined)} onSaved={refresh} />}
      {dialog && typeof dialog === 'object' && <RateForm open risk={dialog.risk} matrix={matrix}
        entity={{ id: dialog.entityId, code: entities.get(dialog.entityId)?.code ?? '' }}
        previous={(ratings.data ?? []).filter((r) => r.riskId === dialog.risk.id && r.entityId === dialog.entityId)}
        onClose={() => setDialog(undefined)} onSaved={refresh} />}
    </>
  );
}
