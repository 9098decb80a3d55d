import { useEffect, useMemo, useRef, type ReactNode } from 'react';
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

interface Point { name: string; value: [number, number]; id: string; country: string; note?: string; itemStyle?: { color: string }; symbolSize?: number }

/** How a thematic map (e.g. the risk map) colours a station; undefined leaves it unmarked. */
export type StationPaint = (id: string) => { color: string; label: string } | undefined;

/**
 * Every duty station with coordinates on a world map; a click (or the finder) opens the station.
 * With `paint`, stations are coloured (and described in the tooltip) by it, the others greyed.
 */
export default function DutyStationMap({ onOpen, paint, legend, ariaLabel }: { onOpen(id: string): void; paint?: StationPaint; legend?: ReactNode; ariaLabel?: string }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const { data, isLoading, error, refetch } = useDutyStations();
  const el = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  const points = useMemo<Point[]>(() => (data ?? [])
    .filter((l) => l.latitude !== null && l.longitude !== null)
    .map((l) => {
      const point: Point = { name: l.name, value: [l.longitude!, l.latitude!], id: l.id, country: l.countryCode };
      if (!paint) return point;
      const p = paint(l.id);
      return p ? { ...point, note: p.label, itemStyle: { color: p.color }, symbolSize: 11 } : { ...point, itemStyle: { color: '#8c8c8c' }, symbolSize: 5 };
    })
    // Coloured stations drawn last, on top of the unmarked ones.
    .sort((a, b) => Number(!!a.note) - Number(!!b.note)), [data, paint]);
  const description = ariaLabel ?? t('map.aria', { n: points.length });

  useEffect(() => {
    if (!el.current || !data) return;
    registerWorld();
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    (el.current as HTMLDivElement & { __chart?: unknown }).__chart = chart;
    const node = el.current;
    node.removeAttribute('data-rendered');
    chart.on('click', (p) => { const d = p.data as Point | undefined; if (d?.id) openRef.current(d.id); });
    chart.on('finished', () => node.setAttribute('data-rendered', String(points.length)));
    chart.setOption({
      aria: { enabled: true, label: { description } },
      tooltip: { trigger: 'item', formatter: (p: { data?: Point }) => (p.data ? `${escapeHtml(p.data.name)} (${p.data.country})${p.data.note ? `<br/>${escapeHtml(p.data.note)}` : ''}` : '') },
      geo: {
        map: 'world', roam: true, zoom: 1.15, center: [10, 15],
        itemStyle: { areaColor: '#dfe7ef', borderColor: '#9fb3c8', borderWidth: 0.5 },
        emphasis: { disabled: true }, select: { disabled: true },
      },
      series: [{
        type: 'scatter', coordinateSystem: 'geo', data: points, symbolSize: 7,
        itemStyle: { color: '#0958d9', borderColor: '#fff', borderWidth: 1 },
        emphasis: { scale: 1.8 }, progressive: 0, animation: false,
      }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [data, points, description]);

  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select showSearch={{ optionFilterProp: 'label' }} aria-label={t('map.find')} placeholder={t('map.find')} style={{ width: 320 }}
          onChange={(id: string) => onOpen(id)} options={(data ?? []).map((l) => ({ value: l.id, label: `${l.name} (${l.countryCode})` }))}
          data-testid="map-finder" />
        {data && <Typography.Text type="secondary" data-testid="map-count">{t('map.count', { n: number(points.length) })}</Typography.Text>}
        {legend}
      </Space>
      {isLoading && <PageLoading />}
      <div ref={el} className="orms-map" data-testid="duty-station-map" role="img" aria-label={description}
        style={{ display: isLoading ? 'none' : undefined }} />
    </Space>
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
