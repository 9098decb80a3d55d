import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Col, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RISK_BANDS } from '../../../../src/domain/risk/bands.js';
import { api, withQuery, type Page } from '../../api/client';
import type { Heatmap, JointAssessment, Risk, SecurityArea, Treatment } from '../../api/riskTypes';
import { useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { LevelTag } from '../security/levels';
import { AcceptableRisk } from '../security/AcceptableRisk';
import { StationCompliance } from '../security/StationCompliance';
import { BandTag, useMatrix } from './matrix';
import { RiskHeatMap } from './RiskHeatMap';
import { TreatmentTable } from './TreatmentTable';

const heading = (text: string) => <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{text}</Typography.Title>;

/** A duty station's risk profile: security level, heat map, worst risks, overdue treatments, joint assessments, programmes and MOSS. */
export default function LocationRiskProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const matrix = useMatrix();
  const loc = useLocation(id);
  const areas = useQuery({ queryKey: ['security', 'areas', 'at', id], queryFn: () => api.get<SecurityArea[]>('/security/areas', { locationId: id }) });
  const heat = useQuery({ queryKey: ['risk', 'heatmap', { kind: 'residual', locationId: id }], queryFn: () => api.get<Heatmap>('/risk/heatmap', { kind: 'residual', locationId: id }) });
  const top = useQuery({ queryKey: ['risks', 'list', { locationId: id, sort: '-residual', pageSize: 10 }], queryFn: () => api.get<Page<Risk>>('/risks', { locationId: id, sort: '-residual', pageSize: 10 }) });
  const overdue = useQuery({ queryKey: ['treatments', 'list', { locationId: id, overdue: 'true' }], queryFn: () => api.get<Page<Treatment>>('/treatments', { locationId: id, overdue: 'true', pageSize: 20 }) });
  const joint = useQuery({ queryKey: ['joint', 'list', { locationId: id }], queryFn: () => api.get<Page<JointAssessment>>('/joint-assessments', { locationId: id, pageSize: 20 }) });

  if (loc.error) return <ErrorState error={loc.error} onRetry={() => void loc.refetch()} />;
  if (!loc.data) return <PageLoading />;
  const register = (q: Record<string, string>) => withQuery('/risk/register', { locationId: id, ...q });

  return (
    <>
      <PageHeader title={t('riskProfile.title', { name: loc.data.name })} trail={[{ to: '/risk', label: t('nav.risk') }, { to: '/risk/map', label: t('riskMap.title') }]} actions={<>
        <Button onClick={() => navigate(register({}))}>{t('riskProfile.register')}</Button>
        <Button onClick={() => navigate(`/org/locations/${id}`)}>{t('riskProfile.locationPage')}</Button>
      </>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={heading(t('riskProfile.security'))} data-testid="profile-security">
            {areas.error ? <ErrorState error={areas.error} /> : !areas.data ? <PageLoading /> : !areas.data.length ? <Empty description={t('riskProfile.noArea')} /> : (
              <Space orientation="vertical">
                {areas.data.map((a) => (
                  <Space key={a.id} wrap>
                    <Link to={`/security/areas/${a.id}`}>{a.name}</Link>
                    <LevelTag level={a.currentLevel?.level} />
                    {a.currentLevel && <Typography.Text type="secondary">{t('security.effectiveFrom')}: {a.currentLevel.effectiveFrom}</Typography.Text>}
                  </Space>
                ))}
              </Space>
            )}
            <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>{t('moss.title')}</Typography.Title>
            <StationCompliance locationId={id} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={heading(t('riskProfile.heatmap'))}>
            {heat.error ? <ErrorState error={heat.error} /> : !heat.data ? <PageLoading /> : heat.data.total === 0 ? <EmptyList description={t('riskProfile.noRisks')} /> : (
              <>
                <RiskHeatMap matrix={matrix} data={heat.data} onBand={(b) => navigate(register({ band: b }))} />
                <Space wrap>
                  {RISK_BANDS.map((b) => <Link key={b} to={register({ band: b })}><BandTag band={b} /> {heat.data.bands[b] ?? 0}</Link>)}
                </Space>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={heading(t('riskProfile.topRisks'))} extra={<Link to={register({ sort: '-residual' })}>{t('riskProfile.all')}</Link>}>
            {top.error ? <ErrorState error={top.error} /> : (
              <Table<Risk> rowKey="id" size="small" dataSource={top.data?.items} loading={top.isFetching} pagination={false} data-testid="profile-risks"
                locale={{ emptyText: <EmptyList /> }}
                columns={[
                  { title: t('risk.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/risk/risks/${r.id}`}>{v}</Link> },
                  { title: t('risk.residual'), key: 'res', width: 130, render: (_, r) => <BandTag band={r.residual?.band} /> },
                  { title: t('riskProfile.register'), key: 'where', width: 130, render: (_, r) => (r.jointAssessmentId ? <Tag color="purple">{t('riskJoint.shared')}</Tag> : r.entityId ? <Tag>{t('riskJoint.entityRegister')}</Tag> : <Tag>{t('riskJoint.stationRegister')}</Tag>) },
                ]} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={heading(t('riskJoint.title'))} extra={<Link to={withQuery('/risk/joint', { locationId: id })}>{t('riskProfile.all')}</Link>}>
            {joint.error ? <ErrorState error={joint.error} /> : (
              <Table<JointAssessment> rowKey="id" size="small" dataSource={joint.data?.items} loading={joint.isFetching} pagination={false} data-testid="profile-joint"
                locale={{ emptyText: <EmptyList /> }}
                columns={[
                  { title: t('riskJoint.assessment'), dataIndex: 'title', render: (v: string, j) => <Link to={`/risk/joint/${j.id}`}>{v}</Link> },
                  { title: t('riskJoint.assessedOn'), dataIndex: 'assessedOn', width: 120 },
                  { title: t('riskJoint.status'), dataIndex: 'status', width: 130, render: (s: string) => t(`riskJoint.statuses.${s}`, { defaultValue: s }) },
                ]} />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={heading(t('riskProfile.overdueTreatments'))}>
            {overdue.error ? <ErrorState error={overdue.error} /> : <TreatmentTable testId="profile-overdue" showRisk items={overdue.data?.items} loading={overdue.isFetching} />}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={heading(t('security.acceptableRisk'))}><AcceptableRisk query={{ locationId: id }} /></Card>
        </Col>
      </Row>
    </>
  );
}
