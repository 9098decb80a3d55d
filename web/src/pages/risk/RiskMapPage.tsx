import { lazy, Suspense, useCallback, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { Card, Segmented, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RISK_BANDS, bandRank, type RiskBand } from '../../../../src/domain/risk/bands.js';
import { SECURITY_LEVELS } from '../../../../src/domain/risk/security-level.js';
import { api } from '../../api/client';
import type { LocationRiskSummary } from '../../api/riskTypes';
import { byId, useDutyStations } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import type { StationPaint } from '../org/DutyStationMap';
import { LEVEL_COLOURS, LevelTag } from '../security/levels';
import { BandTag, useMatrix } from './matrix';

const DutyStationMap = lazy(() => import('../org/DutyStationMap'));

/** Duty stations coloured by the highest residual risk you may see there, or by their security level. */
export default function RiskMapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { get, set } = useUrlParams();
  const by = get('by') === 'level' ? 'level' : 'residual';
  const matrix = useMatrix();
  const summary = useQuery({ queryKey: ['risk', 'locations'], queryFn: () => api.get<LocationRiskSummary[]>('/risk/locations') });
  const stations = byId(useDutyStations().data);
  const rows = useMemo(() => new Map((summary.data ?? []).map((r) => [r.locationId, r])), [summary.data]);
  const bandColour = useCallback((b: string) => matrix.levels.find((l) => l.band === b)?.color ?? '#d9d9d9', [matrix]);
  const paint = useCallback<StationPaint>((id) => {
    const r = rows.get(id);
    if (by === 'level') {
      return r?.securityLevel ? { color: LEVEL_COLOURS[r.securityLevel]!, label: `${t('security.level')}: ${r.securityLevel} — ${t(`securityLevels.${r.securityLevel}`)}` } : undefined;
    }
    return r?.worstResidual ? { color: bandColour(r.worstResidual), label: `${t('riskMap.highestResidual')}: ${t(`riskBands.${r.worstResidual}`)} · ${t('riskMap.openRisks', { n: r.openRisks })}` } : undefined;
  }, [rows, by, t, bandColour]);
  const legend = by === 'level'
    ? <Space wrap data-testid="map-legend">{SECURITY_LEVELS.map((l) => <LevelTag key={l.level} level={l.level} />)}</Space>
    : <Space wrap data-testid="map-legend">{RISK_BANDS.map((b) => <BandTag key={b} band={b} />)}</Space>;
  const table = [...(summary.data ?? [])].sort((a, b) => (by === 'level'
    ? (b.securityLevel ?? 0) - (a.securityLevel ?? 0)
    : (b.worstResidual ? bandRank(b.worstResidual as RiskBand) : -1) - (a.worstResidual ? bandRank(a.worstResidual as RiskBand) : -1)) || b.openRisks - a.openRisks);

  return (
    <>
      <PageHeader title={t('riskMap.title')} trail={[{ to: '/risk', label: t('nav.risk') }]} />
      <Card>
        <div className="orms-toolbar">
          <Segmented aria-label={t('riskMap.colourBy')} value={by} onChange={(v) => set({ by: v === 'level' ? 'level' : null })}
            options={[{ value: 'residual', label: t('riskMap.byResidual') }, { value: 'level', label: t('riskMap.byLevel') }]} />
        </div>
        {summary.error ? <ErrorState error={summary.error} onRetry={() => void summary.refetch()} /> : !summary.data ? <PageLoading /> : (
          <Suspense fallback={<PageLoading />}>
            <DutyStationMap onOpen={(id) => navigate(`/risk/locations/${id}`)} paint={paint} legend={legend}
              ariaLabel={t(by === 'level' ? 'riskMap.ariaLevel' : 'riskMap.ariaResidual', { n: summary.data.length })} />
          </Suspense>
        )}
      </Card>
      <Card style={{ marginTop: 16 }} title={t('riskMap.tableTitle')}>
        <Table<LocationRiskSummary> rowKey="locationId" size="small" dataSource={table} loading={summary.isFetching} data-testid="risk-map-table"
          locale={{ emptyText: <EmptyList /> }} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('risk.dutyStation'), dataIndex: 'locationId', render: (id: string) => <Link to={`/risk/locations/${id}`}>{stations.get(id)?.name ?? '…'}</Link> },
            { title: t('security.country'), key: 'country', width: 90, render: (_, r) => stations.get(r.locationId)?.countryCode ?? '' },
            { title: t('riskMap.highestResidual'), dataIndex: 'worstResidual', width: 170, render: (b: string | null) => <BandTag band={b} /> },
            { title: t('riskMap.openRisksTitle'), dataIndex: 'openRisks', width: 120 },
            { title: t('security.level'), dataIndex: 'securityLevel', width: 190, render: (l: number | null) => (l ? <LevelTag level={l} /> : <Tag>{t('security.noLevel')}</Tag>) },
          ]} />
      </Card>
    </>
  );
}
