import { useEffect, useMemo, useRef } from 'react';
import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { AriaComponent, GeoComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { FeatureCollection, Position } from 'geojson';
import world from 'world-atlas/countries-110m.json';
import { useDutyStations } from '../../api/lookups';
import { ErrorState, PageLoading } from '../../components/states';
import { useFormat } from '../../i18n/format';

echarts.use([ScatterChart, GeoComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

// The world map ships with the app (world-atlas, Natural Earth 1:110m): no network needed.
let registered = false;
function registerWorld() {
  if (registered) return;
  const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
  const geo = feature(topo, topo.objects.countries) as unknown as FeatureCollection;
  // Antarctica holds no duty station; rings crossing the antimeridian (Russia, Fiji) are folded
  // onto their own side so no line is drawn across the whole map.
  geo.features = geo.features.filter((f) => f.id !== '010');
  for (const f of geo.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [];
    for (const rings of polys) for (const ring of rings) foldRing(ring);
  }
  echarts.registerMap('world', geo as never);
  registered = true;
}

function foldRing(ring: Position[]) {
  const crosses = ring.some((p, i) => i > 0 && Math.abs(p[0]! - ring[i - 1]![0]!) > 180);
  if (!crosses) return;
  const east = ring.filter((p) => p[0]! > 0).length >= ring.length / 2;
  for (const p of ring) if (east ? p[0]! < 0 : p[0]! > 0) p[0] = east ? 180 : -180;
}

interface Point { name: string; value: [number, number]; id: string; country: string; count?: number | undefined }

/** A place to show: a duty station, optionally with a number (e.g. travellers there) that sizes its dot. */
export interface MapPoint { id: string; name: string; countryCode: string; latitude: number | null; longitude: number | null; count?: number }

interface StationMapProps {
  points: MapPoint[] | undefined;
  onOpen(id: string): void;
  /** The caption beside the finder, for n places on the map. */
  caption(n: number): string;
  /** What the map shows, for screen readers. */
  ariaLabel(n: number): string;
  loading?: boolean;
  testId?: string;
}

/** Duty stations with coordinates on a world map; a click (or the finder) opens one. Dots grow with their count. */
export function StationMap({ points: input, onOpen, caption, ariaLabel, loading, testId = 'duty-station-map' }: StationMapProps) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const ariaRef = useRef(ariaLabel);
  ariaRef.current = ariaLabel;

  const points = useMemo<Point[]>(() => (input ?? [])
    .filter((l) => l.latitude !== null && l.longitude !== null)
    .map((l) => ({ name: l.name, value: [l.longitude!, l.latitude!], id: l.id, country: l.countryCode, count: l.count })), [input]);
  const counted = points.some((p) => p.count !== undefined);

  useEffect(() => {
    if (!el.current || !input) return;
    registerWorld();
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    (el.current as HTMLDivElement & { __chart?: unknown }).__chart = chart;
    const node = el.current;
    node.removeAttribute('data-rendered');
    chart.on('click', (p) => { const d = p.data as Point | undefined; if (d?.id) openRef.current(d.id); });
    chart.on('finished', () => node.setAttribute('data-rendered', String(points.length)));
    chart.setOption({
      aria: { enabled: true, label: { description: ariaRef.current(points.length) } },
      tooltip: { trigger: 'item', formatter: (p: { data?: Point }) => (p.data ? `${escapeHtml(p.data.name)} (${p.data.country})${p.data.count !== undefined ? `: ${p.data.count}` : ''}` : '') },
      geo: {
        map: 'world', roam: true, zoom: 1.15, center: [10, 15],
        itemStyle: { areaColor: '#dfe7ef', borderColor: '#9fb3c8', borderWidth: 0.5 },
        emphasis: { disabled: true }, select: { disabled: true },
      },
      series: [{
        type: 'scatter', coordinateSystem: 'geo', data: points,
        symbolSize: counted ? (_: unknown, p: { data?: Point }) => Math.min(40, 8 + 4 * Math.sqrt(p.data?.count ?? 0)) : 7,
        itemStyle: { color: counted ? '#d4380d' : '#0958d9', borderColor: '#fff', borderWidth: 1 },
        emphasis: { scale: 1.8 }, progressive: 0, animation: false,
      }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [input, points, counted, t]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select showSearch={{ optionFilterProp: 'label' }} aria-label={t('map.find')} placeholder={t('map.find')} style={{ width: 320 }}
          onChange={(id: string) => onOpen(id)} options={(input ?? []).map((l) => ({ value: l.id, label: `${l.name} (${l.countryCode})${l.count !== undefined ? ` — ${l.count}` : ''}` }))}
          data-testid="map-finder" />
        {input && <Typography.Text type="secondary" data-testid="map-count">{caption(points.length)}</Typography.Text>}
      </Space>
      {loading && <PageLoading />}
      <div ref={el} className="orms-map" data-testid={testId} role="img" aria-label={ariaLabel(points.length)}
        style={{ display: loading ? 'none' : undefined }} />
    </Space>
  );
}

/** Every duty station with coordinates on a world map; a click (or the finder) opens the station. */
export default function DutyStationMap({ onOpen }: { onOpen(id: string): void }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const { data, isLoading, error, refetch } = useDutyStations();
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return <StationMap points={data} loading={isLoading} onOpen={onOpen} caption={(n) => t('map.count', { n: number(n) })} ariaLabel={(n) => t('map.aria', { n })} />;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
