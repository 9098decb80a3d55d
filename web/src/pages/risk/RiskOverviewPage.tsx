import { Link, useNavigate } from 'react-router';
import { Button, Card, Segmented, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RISK_COMPONENTS } from '../../../../src/domain/risk/components.js';
import { RISK_BANDS } from '../../../../src/domain/risk/bands.js';
import { api, withQuery } from '../../api/client';
import type { Heatmap } from '../../api/riskTypes';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { BandTag, useMatrix } from './matrix';
import { RiskHeatMap } from './RiskHeatMap';

/** The risk area's overview: the heat map, filtered, and the way to the register and the treatments. */
export default function RiskOverviewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { get, set } = useUrlParams();
  const matrix = useMatrix();
  const query = { kind: get('kind') ?? 'residual', entityId: get('entityId'), locationId: get('locationId'), component: get('component') };
  // Residual risks of a band open in the register, with the same filters (the register filters residual bands).
  const registerOf = (band: string) => withQuery('/risk/register', { band, entityId: query.entityId, locationId: query.locationId, component: query.component });
  const residual = query.kind === 'residual';
  const heat = useQuery({ queryKey: ['risk', 'heatmap', query], queryFn: ({ signal }) => api.get<Heatmap>('/risk/heatmap', query, signal) });

  return (
    <>
      <PageHeader title={t('nav.risk')} actions={<>
        <Button type="primary" onClick={() => navigate('/risk/register')}>{t('risk.register')}</Button>
        <Button onClick={() => navigate('/risk/treatments')}>{t('treatments.title')}</Button>
        <Button onClick={() => navigate('/risk/joint')}>{t('riskJoint.title')}</Button>
        <Button onClick={() => navigate('/risk/map')}>{t('riskMap.title')}</Button>
        <Button onClick={() => navigate('/risk/matrices')}>{t('riskMatrices.title')}</Button>
      </>} />
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('heatmap.title')}</Typography.Title>}>
        <div className="orms-toolbar" role="search">
          <Segmented aria-label={t('heatmap.kind')} value={query.kind} onChange={(v) => set({ kind: v === 'residual' ? null : v })}
            options={[{ value: 'residual', label: t('risk.residual') }, { value: 'inherent', label: t('risk.inherent') }]} />
          <EntitySelect aria-label={t('risk.entity')} style={{ width: 240 }} value={query.entityId} onChange={(v) => set({ entityId: v })} />
          <LocationSelect aria-label={t('risk.dutyStation')} kind="duty_station" style={{ width: 200 }} value={query.locationId} onChange={(v) => set({ locationId: v })} />
          <Select aria-label={t('risk.component')} placeholder={t('risk.component')} allowClear style={{ width: 190 }} value={query.component}
            onChange={(v) => set({ component: v })} options={RISK_COMPONENTS.map((c) => ({ value: c, label: t(`riskComponents.${c}`) }))} />
        </div>
        {heat.error ? <ErrorState error={heat.error} onRetry={() => void heat.refetch()} /> : !heat.data ? <PageLoading /> : (
          <>
            <RiskHeatMap matrix={matrix} data={heat.data} onBand={residual ? (b) => navigate(registerOf(b)) : undefined} />
            <Space wrap data-testid="heatmap-bands">
              {RISK_BANDS.map((b) => (
                residual
                  ? <Link key={b} to={registerOf(b)} data-testid={`band-link-${b}`}><BandTag band={b} /> {heat.data.bands[b] ?? 0}</Link>
                  : <span key={b}><BandTag band={b} /> {heat.data.bands[b] ?? 0}</span>
              ))}
            </Space>
          </>
        )}
      </Card>
    </>
  );
}
