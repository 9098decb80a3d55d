import { Link } from 'react-router';
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyList } from '../../components/states';
import { useHours } from './labels';
import type { AffectedProcess, Simulation } from './types';

/** Time left before the MTPD is breached: positive margin, breached by, or never recovered. */
function Breach({ p }: { p: AffectedProcess }) {
  const { t } = useTranslation();
  const hours = useHours();
  if (p.mtpdHours === null) return <Typography.Text type="secondary">{t('bcSim.noMtpd')}</Typography.Text>;
  if (p.recoveredAtHours === null) return <Typography.Text type="danger" strong data-breach="never">{t('bcSim.breachedAt', { time: hours(p.disruptedAtHours + p.mtpdHours) })}</Typography.Text>;
  const margin = p.hoursToMtpdBreach!;
  return margin < 0
    ? <Typography.Text type="danger" strong data-breach="late">{t('bcSim.breachedBy', { time: hours(-margin) })}</Typography.Text>
    : <Typography.Text type="success" data-breach="ok">{t('bcSim.margin', { time: hours(margin) })}</Typography.Text>;
}

/** The affected processes, worst first: when each is down, when its MTPD is breached, when and how it comes back. */
export function AffectedProcessesTable({ result, names }: { result: Simulation; names: Map<string, string> }) {
  const { t } = useTranslation();
  const hours = useHours();
  return (
    <Table<AffectedProcess> rowKey="id" size="middle" dataSource={result.processes} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 1200 }}
      data-testid="affected-processes" locale={{ emptyText: <EmptyList description={t('bcSim.noneAffected')} /> }}
      columns={[
        { title: t('bcGaps.process'), dataIndex: 'name', render: (v: string, p) => <Link to={`/continuity/processes/${p.id}`}>{v}</Link> },
        { title: t('bcSim.disruptedAt'), dataIndex: 'disruptedAtHours', width: 110, render: (h: number) => (h === 0 ? t('bcSim.atOnce') : `+${hours(h)}`) },
        { title: t('bcProcess.mtpd'), dataIndex: 'mtpdHours', width: 90, render: (h: number | null) => hours(h) },
        { title: t('bcSim.toBreach'), key: 'breach', width: 190, render: (_, p) => <Breach p={p} /> },
        { title: t('bcSim.recoveredAt'), dataIndex: 'recoveredAtHours', width: 130, render: (h: number | null) => (h === null ? <Typography.Text type="danger">{t('bcSim.never')}</Typography.Text> : `+${hours(h)}`) },
        { title: t('bcSim.recoveredBy'), dataIndex: 'recoveredBy', width: 170, render: (b: string | null) => (b ? t(`bcSim.means.${b}`, { defaultValue: b }) : '—') },
        { title: t('bcProcess.rto'), key: 'rto', width: 120, render: (_, p) => (p.rtoMet === null ? '—' : <Tag color={p.rtoMet ? '#237804' : '#a8071a'}>{`${hours(p.rtoHours)} ${p.rtoMet ? t('bcSim.met') : t('bcSim.missed')}`}</Tag>) },
        { title: t('bcSim.cause'), key: 'path', render: (_, p) => p.path.slice(1).map((id) => names.get(id) ?? '…').join(' → ') || t('bcSim.direct') },
      ]} />
  );
}

/** Every event of the outage in time order. */
export function OutageEventsTable({ result, names }: { result: Simulation; names: Map<string, string> }) {
  const { t } = useTranslation();
  const hours = useHours();
  const colours = { lost: '#262626', disrupted: '#874d00', mtpd_breached: '#a8071a', recovered: '#237804' } as const;
  return (
    <Table rowKey={(e) => `${e.atHours}:${e.kind}:${e.nodeId}`} size="small" dataSource={result.timeline} pagination={{ pageSize: 25, hideOnSinglePage: true }} data-testid="outage-timeline"
      columns={[
        { title: t('bcSim.at'), dataIndex: 'atHours', width: 110, render: (h: number) => (h === 0 ? t('bcSim.atOnce') : `+${hours(h)}`) },
        { title: t('bcSim.event'), dataIndex: 'kind', width: 160, render: (k: keyof typeof colours) => <Tag color={colours[k]}>{t(`bcSim.events.${k}`)}</Tag> },
        { title: t('bcMap.node'), dataIndex: 'nodeId', render: (id: string) => names.get(id) ?? id },
        { title: t('bcSim.recoveredBy'), dataIndex: 'by', width: 180, render: (b?: string) => (b ? t(`bcSim.means.${b}`, { defaultValue: b }) : '') },
      ]} />
  );
}
