import { useMemo } from 'react';
import { Alert, Button, Card, Empty, Segmented, Table, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CsvExport, CsvImport } from '../../components/CsvImport';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import { ContinuityNav } from './ContinuityNav';
import { DEPENDENCY_CSV_COLUMNS } from './DependenciesCard';
import { DependencyGraph, type GraphLink } from './DependencyGraph';
import { NodeSelect } from './NodeSelect';
import { CONTINUITY_KEY, useContinuityRights } from './hooks';
import { NodeLink, NodeTypeTag, useHours } from './labels';
import type { Neighbourhood } from './types';

/** The dependency graph explorer: one node and its neighbourhood (the whole map is too large to draw). */
export default function DependencyMapPage() {
  const { t } = useTranslation();
  const hours = useHours();
  const qc = useQueryClient();
  const { canWrite } = useContinuityRights();
  const { get, set } = useUrlParams();
  const focus = get('focus');
  const depth = Number(get('depth') ?? 2);
  const graph = useQuery({
    queryKey: ['continuity', 'graph', focus, depth],
    queryFn: () => api.get<Neighbourhood>('/continuity/graph', { focusId: focus, depth, limit: 200 }),
    enabled: !!focus,
  });
  const data = graph.data;
  const links = useMemo<GraphLink[]>(() => (data?.edges ?? []).map((e) => ({
    from: e.from, to: e.to, kind: e.kind, label: e.kind === 'dependency' ? t('bcMap.neededWithin', { time: hours(e.neededWithinHours) }) : t(`bcMap.edgeKinds.${e.kind}`),
  })), [data, t, hours]);
  const roots = useMemo(() => (focus ? [focus] : []), [focus]);
  const nodes = data?.nodes ?? [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const needs = (id: string) => (data?.edges ?? []).filter((e) => e.from === id && e.kind === 'dependency').length;
  const neededBy = (id: string) => (data?.edges ?? []).filter((e) => e.to === id && e.kind === 'dependency').length;

  return (
    <>
      <PageHeader title={t('bcMap.title')} actions={<>
        {canWrite && <CsvImport path="/continuity/dependencies/import" columns={DEPENDENCY_CSV_COLUMNS} label={t('bcDependency.import')}
          onDone={() => void qc.invalidateQueries({ queryKey: CONTINUITY_KEY })} />}
        <CsvExport href="/api/v1/continuity/dependencies/export.csv" label={t('csv.export')} />
      </>} />
      <ContinuityNav area="continuity" />
      <Card>
        <div className="orms-toolbar" role="search">
          <NodeSelect aria-label={t('bcMap.focus')} style={{ width: 380 }} value={focus ?? null} onChange={(v) => set({ focus: v })} />
          <span id="depth-label">{t('bcMap.depth')}</span>
          <Segmented aria-labelledby="depth-label" value={depth} onChange={(v) => set({ depth: Number(v) === 2 ? null : Number(v) })}
            options={[1, 2, 3].map((d) => ({ value: d, label: t('bcMap.steps', { n: d }) }))} />
        </div>
        <Typography.Paragraph type="secondary">{t('bcMap.help')}</Typography.Paragraph>
        {!focus ? <Empty description={t('bcMap.choose')} /> : graph.error ? <ErrorState error={graph.error} onRetry={() => void graph.refetch()} /> : (
          <>
            {data?.truncated && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('bcMap.truncated', { n: nodes.length })} />}
            {data && <DependencyGraph nodes={nodes} links={links} roots={roots} onSelect={(id) => set({ focus: id })} />}
          </>
        )}
      </Card>
      {focus && data && (
        <Card style={{ marginTop: 16 }} title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('bcMap.nodes')}</Typography.Title>}>
          <Table rowKey="id" size="small" dataSource={nodes} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="map-nodes"
            columns={[
              { title: t('bcMap.node'), dataIndex: 'name', render: (_: string, n) => <NodeLink id={n.id} node={n} /> },
              { title: t('bcDependency.type'), dataIndex: 'type', width: 150, render: (ty: string) => <NodeTypeTag type={ty} /> },
              { title: t('bcMap.distance'), dataIndex: 'depth', width: 100 },
              { title: t('bcMap.needs'), key: 'needs', width: 100, render: (_, n) => needs(n.id) },
              { title: t('bcMap.neededBy'), key: 'neededBy', width: 110, render: (_, n) => neededBy(n.id) },
              { title: t('common.actions'), key: 'focus', width: 130, render: (_, n) => (n.id === focus ? <Typography.Text type="secondary">{t('bcMap.focused')}</Typography.Text> : (
                <Button size="small" icon={<AimOutlined />} aria-label={`${t('bcMap.focusHere')}: ${byId.get(n.id)?.name ?? ''}`} onClick={() => set({ focus: n.id })}>{t('bcMap.focusHere')}</Button>)) },
            ]} />
        </Card>
      )}
    </>
  );
}
