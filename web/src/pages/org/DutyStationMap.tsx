import { useEffect, useMemo, useRef } from 'react';
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

interface Point { name: string; value: [number, number]; id: string; country: string; count?: number }

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
  /** Opens a station (a click on it, or the finder). */
  onOpen?(id: string): void;
  /** Stations to emphasise with a figure each (e.g. the recipients of a message there); the others are drawn faint. */
  highlight?: ReadonlyMap<string, number>;
  /** Areas to outline: a radius in km around a point. */
  circles?: readonly { latitude: number; longitude: number; km: number }[];
  /** A small map without the finder, framed on what is emphasised. */
  compact?: boolean;
  /** The map's accessible description when it shows something other than all stations. */
  ariaLabel?: string;
  /** How the tooltip words a highlighted station's figure. */
  countLabel?(n: number): string;
}

/** Every duty station with coordinates on a world map; a click (or the finder) opens the station. */
export default function DutyStationMap({ onOpen, highlight, circles, compact, ariaLabel, countLabel }: StationMapProps) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const { data, isLoading, error, refetch } = useDutyStations();
  const el = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const labelRef = useRef(countLabel);
  labelRef.current = countLabel;

  const points = useMemo<Point[]>(() => (data ?? [])
    .filter((l) => l.latitude !== null && l.longitude !== null)
    .map((l) => ({ name: l.name, value: [l.longitude!, l.latitude!], id: l.id, country: l.countryCode, count: highlight?.get(l.id) })), [data, highlight]);
  const marked = useMemo(() => (highlight ? points.filter((p) => p.count !== undefined) : []), [points, highlight]);
  const description = ariaLabel ?? t('map.aria', { n: points.length });

  useEffect(() => {
    if (!el.current || !data) return;
    registerWorld();
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    (el.current as HTMLDivElement & { __chart?: unknown }).__chart = chart;
    const node = el.current;
    node.removeAttribute('data-rendered');
    chart.on('click', (p) => { const d = p.data as Point | undefined; if (d?.id) openRef.current?.(d.id); });
    chart.on('finished', () => node.setAttribute('data-rendered', String(highlight ? marked.length : points.length)));
    const max = Math.max(1, ...marked.map((p) => p.count ?? 0));
    // Framed on what is emphasised (stations and circles), else the whole world.
    const framed = [...marked.map((p) => p.value), ...(circles ?? []).flatMap((c) => circle(c.latitude, c.longitude, c.km))];
    let view: { zoom: number; center: [number, number] } = { zoom: 1.15, center: [10, 15] };
    if (compact && framed.length) {
      const lons = framed.map((v) => v[0]), lats = framed.map((v) => v[1]);
      const span = Math.max(Math.max(...lons) - Math.min(...lons), (Math.max(...lats) - Math.min(...lats)) * 2, 8);
      view = { zoom: Math.min(12, Math.max(1.15, 300 / span)), center: [(Math.max(...lons) + Math.min(...lons)) / 2, (Math.max(...lats) + Math.min(...lats)) / 2] };
    }
    chart.setOption({
      aria: { enabled: true, label: { description } },
      tooltip: { trigger: 'item', formatter: (p: { data?: Point }) => (p.data?.name ? `${escapeHtml(p.data.name)} (${p.data.country})${p.data.count !== undefined ? ` — ${escapeHtml(labelRef.current?.(p.data.count) ?? String(p.data.count))}` : ''}` : '') },
      geo: {
        map: 'world', roam: true, ...view,
        itemStyle: { areaColor: '#dfe7ef', borderColor: '#9fb3c8', borderWidth: 0.5 },
        emphasis: { disabled: true }, select: { disabled: true },
      },
      series: [{
        type: 'scatter', coordinateSystem: 'geo', data: highlight ? points.filter((p) => p.count === undefined) : points, symbolSize: highlight ? 4 : 7,
        itemStyle: { color: highlight ? '#8c9bab' : '#0958d9', borderColor: '#fff', borderWidth: highlight ? 0 : 1 },
        emphasis: { scale: 1.8 }, progressive: 0, animation: false, silent: !!highlight,
      },
      ...(highlight ? [{
        type: 'scatter', coordinateSystem: 'geo', data: marked, symbolSize: (v: unknown, p: { data: Point }) => 8 + 16 * Math.sqrt((p.data.count ?? 0) / max),
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
  }, [data, points, marked, highlight, circles, compact, description]);

  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {!compact && (
        <Space wrap>
          <Select showSearch={{ optionFilterProp: 'label' }} aria-label={t('map.find')} placeholder={t('map.find')} style={{ width: 320 }}
            onChange={(id: string) => onOpen?.(id)} options={(data ?? []).map((l) => ({ value: l.id, label: `${l.name} (${l.countryCode})` }))}
            data-testid="map-finder" />
          {data && <Typography.Text type="secondary" data-testid="map-count">{t('map.count', { n: number(points.length) })}</Typography.Text>}
        </Space>
      )}
      {isLoading && <PageLoading />}
      <div ref={el} className="orms-map" data-testid="duty-station-map" role="img" aria-label={description}
        style={{ display: isLoading ? 'none' : undefined, ...(compact ? { height: 320 } : {}) }} />
    </Space>
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
