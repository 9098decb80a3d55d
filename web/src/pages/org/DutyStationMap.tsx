import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { LinesChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GeoComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { FeatureCollection, Position } from 'geojson';
import world from 'world-atlas/countries-110m.json';
import { useDutyStations } from '../../api/lookups';
import { ErrorState, PageLoading } from '../../components/states';
import { useFormat } from '../../i18n/format';

echarts.use([ScatterChart, LinesChart, GeoComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

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

interface Point { name: string; value: [number, number]; id: string; country: string; count?: number | undefined; note?: string; itemStyle?: { color: string }; symbolSize?: number }

/** A place to show: a duty station, optionally with a figure (travellers, recipients there) that sizes its dot. */
export interface MapPoint { id: string; name: string; countryCode: string; latitude: number | null; longitude: number | null; count?: number | undefined }

/** How a thematic map (e.g. the risk map) colours a station; undefined leaves it unmarked. */
export type StationPaint = (id: string) => { color: string; label: string } | undefined;

/** A circle of `km` around a point, as a closed line of longitude/latitude pairs. */
function circle(lat: number, lon: number, km: number): [number, number][] {
  const d = km / 6371, rad = Math.PI / 180, φ1 = lat * rad, λ1 = lon * rad;
  return Array.from({ length: 73 }, (_, i) => {
    const θ = (i * 5) * rad;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
    return [((λ2 / rad + 540) % 360) - 180, φ2 / rad];
  });
}

export interface StationMapProps {
  points: readonly MapPoint[] | undefined;
  loading?: boolean;
  /** Opens a station (a click on it, or the finder). */
  onOpen?(id: string): void;
  /** Colours stations (and describes them in the tooltip); the others are greyed. */
  paint?: StationPaint;
  /** How the tooltip words a point's figure. Points with a figure are emphasised, those without drawn faint. */
  countLabel?(n: number): string;
  /** Areas to outline: a radius in km around a point. */
  circles?: readonly { latitude: number; longitude: number; km: number }[];
  /** A small map without the finder, framed on what is emphasised. */
  compact?: boolean;
  /** Beside the finder; by default the number of stations on the map. */
  caption?: ReactNode;
  legend?: ReactNode;
  /** The map's accessible description; by default the number of stations. */
  ariaLabel?: string;
  testId?: string;
}

/**
 * Duty stations on a world map; a click (or the finder) opens one. Three ways to mark them: plain,
 * painted by a theme (`paint`), or emphasised by a figure that sizes the dot (points' `count`).
 */
export function StationMap({ points: input, loading, onOpen, paint, countLabel, circles, compact, caption, legend, ariaLabel, testId = 'duty-station-map' }: StationMapProps) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const el = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const labelRef = useRef(countLabel);
  labelRef.current = countLabel;

  const points = useMemo<Point[]>(() => (input ?? [])
    .filter((l) => l.latitude !== null && l.longitude !== null)
    .map((l) => {
      const point: Point = { name: l.name, value: [l.longitude!, l.latitude!], id: l.id, country: l.countryCode, count: l.count };
      if (!paint) return point;
      const p = paint(l.id);
      return p ? { ...point, note: p.label, itemStyle: { color: p.color }, symbolSize: 11 } : { ...point, itemStyle: { color: '#8c8c8c' }, symbolSize: 5 };
    })
    // Painted stations drawn last, on top of the unmarked ones.
    .sort((a, b) => Number(!!a.note) - Number(!!b.note)), [input, paint]);
  const marked = useMemo(() => points.filter((p) => p.count !== undefined), [points]);
  const counted = marked.length > 0;
  const description = ariaLabel ?? t('map.aria', { n: points.length });

  useEffect(() => {
    if (!el.current || !input) return;
    registerWorld();
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    (el.current as HTMLDivElement & { __chart?: unknown }).__chart = chart;
    const node = el.current;
    node.removeAttribute('data-rendered');
    chart.on('click', (p) => { const d = p.data as Point | undefined; if (d?.id) openRef.current?.(d.id); });
    chart.on('finished', () => node.setAttribute('data-rendered', String(counted ? marked.length : points.length)));
    const max = Math.max(1, ...marked.map((p) => p.count ?? 0));
    // Framed on what is emphasised (stations and circles), else the whole world.
    const framed = [...marked.map((p) => p.value), ...(circles ?? []).flatMap((c) => circle(c.latitude, c.longitude, c.km))];
    let view: { zoom: number; center: [number, number] } = { zoom: 1.15, center: [10, 15] };
    if (compact && framed.length) {
      const lons = framed.map((v) => v[0]), lats = framed.map((v) => v[1]);
      const span = Math.max(Math.max(...lons) - Math.min(...lons), (Math.max(...lats) - Math.min(...lats)) * 2, 8);
      view = { zoom: Math.min(12, Math.max(1.15, 300 / span)), center: [(Math.max(...lons) + Math.min(...lons)) / 2, (Math.max(...lats) + Math.min(...lats)) / 2] };
    }
    const figure = (n: number) => escapeHtml(labelRef.current?.(n) ?? String(n));
    chart.setOption({
      aria: { enabled: true, label: { description } },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data?: Point }) => (p.data?.name
          ? `${escapeHtml(p.data.name)} (${p.data.country})${p.data.count !== undefined ? ` — ${figure(p.data.count)}` : ''}${p.data.note ? `<br/>${escapeHtml(p.data.note)}` : ''}`
          : ''),
      },
      geo: {
        map: 'world', roam: true, ...view,
        itemStyle: { areaColor: '#dfe7ef', borderColor: '#9fb3c8', borderWidth: 0.5 },
        emphasis: { disabled: true }, select: { disabled: true },
      },
      series: [
        {
          type: 'scatter', coordinateSystem: 'geo', data: counted ? points.filter((p) => p.count === undefined) : points, symbolSize: counted ? 4 : 7,
          itemStyle: { color: counted ? '#8c9bab' : '#0958d9', borderColor: '#fff', borderWidth: counted ? 0 : 1 },
          emphasis: { scale: 1.8 }, progressive: 0, animation: false, silent: counted,
        },
        ...(counted ? [{
          type: 'scatter', coordinateSystem: 'geo', data: marked, symbolSize: (_: unknown, p: { data: Point }) => 8 + 16 * Math.sqrt((p.data.count ?? 0) / max),
          itemStyle: { color: '#cf1322', borderColor: '#fff', borderWidth: 1, opacity: 0.85 }, emphasis: { scale: 1.3 }, animation: false, z: 3,
        }] : []),
        ...(circles?.length ? [{
          type: 'lines', coordinateSystem: 'geo', polyline: true, silent: true, animation: false, z: 2,
          data: circles.map((c) => ({ coords: circle(c.latitude, c.longitude, c.km) })), lineStyle: { color: '#cf1322', width: 1.5, type: 'dashed', opacity: 0.9 },
        }] : []),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [input, points, marked, counted, circles, compact, description]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {!compact && (
        <Space wrap>
          <Select showSearch={{ optionFilterProp: 'label' }} aria-label={t('map.find')} placeholder={t('map.find')} style={{ width: 320 }}
            onChange={(id: string) => onOpen?.(id)} data-testid="map-finder"
            options={(input ?? []).map((l) => ({ value: l.id, label: `${l.name} (${l.countryCode})${l.count !== undefined ? ` — ${number(l.count)}` : ''}` }))} />
          {input && <Typography.Text type="secondary" data-testid="map-count">{caption ?? t('map.count', { n: number(points.length) })}</Typography.Text>}
          {legend}
        </Space>
      )}
      {loading && <PageLoading />}
      <div ref={el} className="orms-map" data-testid={testId} role="img" aria-label={description}
        style={{ display: loading ? 'none' : undefined, ...(compact ? { height: 320 } : {}) }} />
    </Space>
  );
}

/** Every duty station on the map, loaded from the shared list; other props as StationMap's. */
export default function DutyStationMap(props: Omit<StationMapProps, 'points' | 'loading'> & { counts?: ReadonlyMap<string, number> }) {
  const { data, isLoading, error, refetch } = useDutyStations();
  const { counts, ...rest } = props;
  const points = useMemo(() => (counts && data ? data.map((l) => ({ ...l, count: counts.get(l.id) })) : data), [data, counts]);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return <StationMap points={points} loading={isLoading} {...rest} />;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
