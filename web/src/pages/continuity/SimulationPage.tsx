import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useErrorMessage } from '../../components/states';
import { ContinuityNav } from './ContinuityNav';
import { DependencyGraph, type GraphLink, type GraphNode, type OutageMark } from './DependencyGraph';
import { NodeSelect } from './NodeSelect';
import { useNodes } from './hooks';
import { AffectedProcessesTable, OutageEventsTable } from './OutageTables';
import type { Scenario, Simulation } from './types';

const LOSS_TYPES = { premises: ['premises'], data_centre: ['data_centre'], application: ['application'], vendor: ['vendor'], person: ['person'], process: ['process'] } as const;
type LossType = keyof typeof LOSS_TYPES;
const MAX_DRAWN = 150;

/** What if: the loss of sites, data centres, systems, vendors, key people, whole duty stations or a share of staff. */
export default function SimulationPage() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [lossType, setLossType] = useState<LossType>('data_centre');
  const [scenario, setScenario] = useState<Scenario>({ lostNodeIds: [], lostDutyStationIds: [], staffLossPercent: 0 });
  const run = useMutation({ mutationFn: (s: Scenario) => api.post<Simulation>('/continuity/simulate', s) });
  const result = run.data;
  const empty = !scenario.lostNodeIds.length && !scenario.lostDutyStationIds.length && !scenario.staffLossPercent;

  // The worst processes and the chains that brought them down, within what a browser can draw legibly.
  const { names, all, keep } = useMemo(() => {
    const names = new Map<string, string>();
    const keep: string[] = [];
    if (!result) return { names, all: new Map<string, Simulation['resources'][number]>(), keep };
    for (const x of [...result.processes, ...result.resources]) names.set(x.id, x.name);
    const set = new Set<string>();
    for (const p of result.processes) { if (set.size >= MAX_DRAWN) break; for (const id of p.path) if (names.has(id)) set.add(id); }
    for (const r of result.resources) if (set.size < MAX_DRAWN && r.direct) set.add(r.id);
    for (const r of result.resources) { if (set.size >= MAX_DRAWN) break; for (const id of r.path) set.add(id); }
    keep.push(...set);
    return { names, all: new Map([...result.processes, ...result.resources].map((x) => [x.id, x])), keep };
  }, [result]);
  const known = useNodes(keep);
  const { nodes, links, roots, marks } = useMemo(() => {
    const marks = new Map<string, OutageMark>();
    const breached = new Set((result?.processes ?? []).filter((p) => p.breachesMtpd || p.recoveredAtHours === null).map((p) => p.id));
    const nodes: GraphNode[] = keep.map((id) => {
      const x = all.get(id)!;
      marks.set(id, x.direct && x.kind !== 'process' ? 'lost' : breached.has(id) ? 'breach' : 'disrupted');
      return { id, name: x.name, type: known.get(id)?.type ?? typeOf(x.kind) };
    });
    const inDrawing = new Set(keep);
    const seen = new Set<string>();
    const links: GraphLink[] = [];
    for (const id of keep) {
      const path = all.get(id)!.path;
      for (let i = 0; i + 1 < path.length; i++) {
        const key = `${path[i]}>${path[i + 1]}`;
        if (seen.has(key) || !inDrawing.has(path[i]!) || !inDrawing.has(path[i + 1]!)) continue;
        seen.add(key);
        links.push({ from: path[i]!, to: path[i + 1]!, kind: 'cause', label: t('bcSim.dependsOn') });
      }
    }
    return { nodes, links, roots: keep.filter((id) => all.get(id)!.direct), marks };
  }, [result, keep, all, known, t]);
  const drawn = keep.length;

  const problem = run.error instanceof ApiError && run.error.fields
    ? Object.entries(run.error.fields).map(([k, v]) => `${k}: ${v}`).join('; ') : run.error ? describe(run.error) : undefined;

  return (
    <>
      <PageHeader title={t('bcSim.title')} />
      <ContinuityNav area="continuity" />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('bcSim.scenario')}</Typography.Title>}>
          <Form layout="vertical" onFinish={() => run.mutate(scenario)}>
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Form.Item label={t('bcSim.lostKind')}>
                  <Segmented value={lossType} onChange={(v) => setLossType(v as LossType)} aria-label={t('bcSim.lostKind')}
                    options={(Object.keys(LOSS_TYPES) as LossType[]).map((k) => ({ value: k, label: t(`bc.nodeTypes.${k}`) }))} />
                </Form.Item>
                <Form.Item label={t('bcSim.lostNodes')} htmlFor="lost-nodes" extra={t('bcSim.lostNodesHelp')}>
                  <NodeSelect multiple id="lost-nodes" types={LOSS_TYPES[lossType]} value={scenario.lostNodeIds} onChange={(v) => setScenario({ ...scenario, lostNodeIds: v })} />
                </Form.Item>
              </Col>
              <Col xs={24} lg={8}>
                <Form.Item label={t('bcSim.lostStations')} htmlFor="lost-stations" extra={t('bcSim.lostStationsHelp')}>
                  <NodeSelect multiple id="lost-stations" types={['duty_station']} value={scenario.lostDutyStationIds} onChange={(v) => setScenario({ ...scenario, lostDutyStationIds: v })} />
                </Form.Item>
              </Col>
              <Col xs={24} lg={4}>
                <Form.Item label={t('bcSim.staffLoss')} htmlFor="staff-loss" extra={t('bcSim.staffLossHelp')}>
                  <InputNumber id="staff-loss" min={0} max={100} suffix="%" style={{ width: '100%' }} value={scenario.staffLossPercent}
                    onChange={(v) => setScenario({ ...scenario, staffLossPercent: v ?? 0 })} />
                </Form.Item>
              </Col>
            </Row>
            <Space>
              <Button type="primary" htmlType="submit" icon={<ThunderboltOutlined />} loading={run.isPending} disabled={empty}>{t('bcSim.run')}</Button>
              <Button onClick={() => { setScenario({ lostNodeIds: [], lostDutyStationIds: [], staffLossPercent: 0 }); run.reset(); }}>{t('bcSim.clear')}</Button>
            </Space>
          </Form>
          {problem && <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={problem} />}
        </Card>
        {result && (
          <>
            <Card data-testid="simulation-summary">
              <Row gutter={24}>
                <Col xs={8}><Statistic title={t('bcSim.affected')} value={result.summary.processes} /></Col>
                <Col xs={8}><Statistic title={t('bcSim.breaching')} value={result.summary.breachingMtpd} styles={{ content: { color: result.summary.breachingMtpd ? '#cf1322' : undefined } }} /></Col>
                <Col xs={8}><Statistic title={t('bcSim.neverRecovered')} value={result.summary.neverRecovered} /></Col>
              </Row>
            </Card>
            <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('bcSim.graph')}</Typography.Title>}>
              <Typography.Paragraph type="secondary">{t('bcSim.graphHelp')}</Typography.Paragraph>
              {drawn < result.processes.length + result.resources.length && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('bcSim.drawnSome', { n: drawn })} />}
              {nodes.length ? <DependencyGraph nodes={nodes} links={links} roots={roots} marks={marks} testId="outage-graph" /> : null}
            </Card>
            <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('bcSim.processes')}</Typography.Title>}>
              <AffectedProcessesTable result={result} names={names} />
            </Card>
            <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('bcSim.timeline')}</Typography.Title>}>
              <OutageEventsTable result={result} names={names} />
            </Card>
          </>
        )}
      </Space>
    </>
  );
}

/** The stored type to colour a simulated node by, from the domain kind the simulation reports. */
function typeOf(kind: string): string {
  return kind === 'site' ? 'premises' : kind === 'ict_service' ? 'application' : kind === 'role' ? 'person' : kind;
}
