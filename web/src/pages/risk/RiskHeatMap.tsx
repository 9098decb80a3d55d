import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { levelOf, type RiskMatrix } from '../../../../src/domain/risk/matrix.js';
import type { Heatmap } from '../../api/riskTypes';
import { textOn } from './matrix';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/** Likelihood × impact grid: every cell in its matrix level colour, with the number of risks in it; a click gives the cell's band. */
export function RiskHeatMap({ matrix, data, onBand }: { matrix: RiskMatrix; data: Heatmap; onBand?(band: string): void }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const bandRef = useRef(onBand);
  bandRef.current = onBand;
  const description = t('heatmap.aria', { kind: t(`risk.${data.kind}`), n: data.total });

  useEffect(() => {
    if (!el.current) return;
    const node = el.current;
    const chart = echarts.init(node, undefined, { renderer: 'canvas' });
    node.removeAttribute('data-rendered');
    chart.on('click', (p) => { const band = (p.data as { band?: string } | undefined)?.band; if (band) bandRef.current?.(band); });
    chart.on('finished', () => node.setAttribute('data-rendered', String(data.total)));
    const count = (l: number, i: number) => data.cells.find((c) => c.likelihood === l && c.impact === i)?.count ?? 0;
    const cells = matrix.likelihoods.flatMap((l) => matrix.impacts.map((i) => {
      const level = levelOf(matrix, { likelihood: l.value, impact: i.value });
      const n = count(l.value, i.value);
      return {
        value: [i.value - 1, l.value - 1, n], level: level.label, band: level.band,
        itemStyle: { color: level.color, borderColor: '#fff', borderWidth: 2 },
        label: { show: true, color: textOn(level.color), fontWeight: n ? 'bold' : 'normal', formatter: () => (n ? String(n) : '') },
      };
    }));
    chart.setOption({
      aria: { enabled: true, label: { description } },
      tooltip: {
        formatter: (p: { data: { value: [number, number, number]; level: string } }) => {
          const [i, l, n] = p.data.value;
          return `${escapeHtml(matrix.likelihoods[l]!.label)} × ${escapeHtml(matrix.impacts[i]!.label)}<br/>${escapeHtml(p.data.level)}: ${n}`;
        },
      },
      grid: { left: 150, right: 20, top: 36, bottom: 70 },
      xAxis: { type: 'category', data: matrix.impacts.map((p) => p.label), name: t('heatmap.impact'), nameLocation: 'middle', nameGap: 45, splitArea: { show: false } },
      yAxis: { type: 'category', data: matrix.likelihoods.map((p) => p.label), name: t('heatmap.likelihood'), nameLocation: 'end' },
      series: [{ type: 'heatmap', data: cells, animation: false }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [matrix, data, description, t]);

  return <div ref={el} data-testid="risk-heatmap" role="img" aria-label={description} style={{ height: 420, width: '100%', maxWidth: 820 }} />;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
