import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { AriaComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { columnsOf, positions } from './graphLayout';

echarts.use([GraphChart, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export interface GraphNode { id: string; name: string; type: string }
export interface GraphLink { from: string; to: string; kind?: 'dependency' | 'alternate' | 'failover' | 'cause'; label?: string }
/** How an outage touches a node: lost by the scenario, disrupted, or past its MTPD. */
export type OutageMark = 'lost' | 'disrupted' | 'breach';

const TYPE_COLOURS: Record<string, string> = {
  process: '#1677ff', application: '#722ed1', data_centre: '#13a8a8', premises: '#7c8a96', duty_station: '#5b6b79', vendor: '#d48806', person: '#c41d7f',
};
const MARK_COLOURS: Record<OutageMark, string> = { lost: '#000000', breach: '#cf1322', disrupted: '#fa8c16' };
const TYPES = Object.keys(TYPE_COLOURS);

/**
 * A dependency graph drawn with ECharts: columns by direction from the roots (what they need to the
 * right), arrows from the dependant to what it needs, dashed lines to stand-ins. The canvas is an
 * image for screen readers; the page shows the same nodes and edges as a table.
 */
export function DependencyGraph({ nodes, links, roots, marks, onSelect, maxHeight = 560, testId = 'dependency-graph' }: {
  nodes: GraphNode[]; links: GraphLink[]; roots: string[]; marks?: Map<string, OutageMark>; onSelect?(id: string): void; maxHeight?: number; testId?: string;
}) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const description = t('bcMap.aria', { nodes: nodes.length, edges: links.length });
  const pos = useMemo(() => {
    const ids = nodes.map((n) => n.id);
    return positions(ids, columnsOf(ids, links.filter((l) => l.kind !== 'alternate' && l.kind !== 'failover'), roots));
  }, [nodes, links, roots]);
  // ECharts stretches the drawing to the box: size the box to the tallest column so few nodes stay close.
  const rows = Math.max(1, ...[...pos.values()].reduce((m, [x]) => m.set(x, (m.get(x) ?? 0) + 1), new Map<number, number>()).values());
  const height = Math.min(maxHeight, Math.max(220, rows * 64 + 100));

  useEffect(() => {
    if (!el.current) return;
    const node = el.current;
    const chart = echarts.init(node, undefined, { renderer: 'canvas' });
    node.removeAttribute('data-rendered');
    chart.on('finished', () => node.setAttribute('data-rendered', String(nodes.length)));
    chart.on('click', (p) => { const id = (p.data as { id?: string } | undefined)?.id; if (p.dataType === 'node' && id) selectRef.current?.(id); });
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    chart.setOption({
      aria: { enabled: true, label: { description } },
      tooltip: { formatter: (p: { dataType: string; data: { name?: string; typeLabel?: string; markLabel?: string; label?: { formatter?: string } ; edgeLabel?: string } }) =>
        p.dataType === 'node' ? `${escapeHtml(p.data.name ?? '')}<br/>${escapeHtml(p.data.typeLabel ?? '')}${p.data.markLabel ? `<br/>${escapeHtml(p.data.markLabel)}` : ''}` : escapeHtml(p.data.edgeLabel ?? '') },
      legend: { data: TYPES.filter((k) => nodes.some((n) => n.type === k)).map((k) => t(`bc.nodeTypes.${k}`)), bottom: 0 },
      series: [{
        type: 'graph', layout: 'none', roam: true, animation: false, left: 60, right: 140, top: 24, bottom: 64, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
        categories: TYPES.map((k) => ({ name: t(`bc.nodeTypes.${k}`), itemStyle: { color: TYPE_COLOURS[k] } })),
        label: { show: true, position: 'bottom', width: 180, overflow: 'truncate', fontSize: 11 },
        data: nodes.map((n) => {
          const mark = marks?.get(n.id);
          const [x, y] = pos.get(n.id)!;
          return {
            id: n.id, name: n.name, x, y, category: Math.max(0, TYPES.indexOf(n.type)), typeLabel: t(`bc.nodeTypes.${n.type}`, { defaultValue: n.type }),
            markLabel: mark ? t(`bcSim.marks.${mark}`) : undefined, symbolSize: roots.includes(n.id) ? 30 : 20,
            itemStyle: mark ? { borderColor: MARK_COLOURS[mark], borderWidth: 4 } : roots.includes(n.id) ? { borderColor: '#000', borderWidth: 2 } : undefined,
          };
        }),
        links: links.filter((l) => index.has(l.from) && index.has(l.to)).map((l) => ({
          source: index.get(l.from)!, target: index.get(l.to)!, edgeLabel: l.label ?? t(`bcMap.edgeKinds.${l.kind ?? 'dependency'}`),
          lineStyle: { type: l.kind === 'alternate' || l.kind === 'failover' ? 'dashed' : 'solid', color: l.kind === 'cause' ? '#cf1322' : '#8c8c8c', width: l.kind === 'cause' ? 2 : 1 },
        })),
      }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [nodes, links, roots, marks, pos, description, t]);

  return <div ref={el} data-testid={testId} role="img" aria-label={description} style={{ height, width: '100%' }} />;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
