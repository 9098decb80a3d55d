import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EmptyList, ErrorState } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { pdfHref, type Plan, type PlanDiff, type PlanVersion } from './api';
import { PlanStatusTag } from './tags';

/** Two versions compared line by line: removed lines struck out, added ones underlined, both also marked in text. */
function DiffView({ planId, from, to }: { planId: string; from: string; to: string }) {
  const { t } = useTranslation();
  const diff = useQuery({ queryKey: ['plans', 'diff', planId, from, to], queryFn: () => api.get<PlanDiff>(`/plans/${planId}/diff`, { from, to }), enabled: from !== to });
  if (from === to) return <Typography.Paragraph type="secondary">{t('planVersions.sameVersion')}</Typography.Paragraph>;
  if (diff.error) return <ErrorState error={diff.error} onRetry={() => void diff.refetch()} />;
  if (!diff.data) return <Typography.Paragraph type="secondary">{t('common.loading')}</Typography.Paragraph>;
  const d = diff.data;
  return (
    <div data-testid="plan-diff">
      <Typography.Paragraph role="status">{t('planVersions.diffSummary', { from: d.from.number, to: d.to.number, added: d.added, removed: d.removed })}</Typography.Paragraph>
      {d.added + d.removed === 0 ? <Typography.Paragraph type="secondary">{t('planVersions.noChanges')}</Typography.Paragraph> : (
        <pre className="plan-diff" aria-label={t('planVersions.diffLabel')}>
          {d.changes.flatMap((c, i) => c.lines.map((line, j) => {
            const key = `${i}-${j}`;
            if (c.kind === 'added') return <ins key={key} className="plan-diff-added"><span className="sr-only">{t('planVersions.addedLine')} </span>+ {line}{'\n'}</ins>;
            if (c.kind === 'removed') return <del key={key} className="plan-diff-removed"><span className="sr-only">{t('planVersions.removedLine')} </span>− {line}{'\n'}</del>;
            return <span key={key} className="plan-diff-same">  {line}{'\n'}</span>;
          }))}
        </pre>
      )}
    </div>
  );
}

/** Every version of the plan, each printable; approved ones never change. Any two can be compared. */
export function VersionHistory({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const versions = useQuery({ queryKey: ['plans', 'versions', plan.id], queryFn: () => api.get<PlanVersion[]>(`/plans/${plan.id}/versions`) });
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  useEffect(() => {
    const v = versions.data;
    if (!v?.length || (from && to)) return;
    // By default: the version in force against the newest one, else the two newest.
    const newest = v[0]!.id;
    const base = plan.currentVersionId && plan.currentVersionId !== newest ? plan.currentVersionId : v[1]?.id ?? newest;
    setFrom(base); setTo(newest);
  }, [versions.data, plan.currentVersionId, from, to]);
  const options = (versions.data ?? []).map((v) => ({ value: v.id, label: t('planVersions.versionLabel', { n: v.number, status: t(`planVersionStatuses.${v.status}`) }) }));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {versions.error ? <ErrorState error={versions.error} onRetry={() => void versions.refetch()} /> : (
        <div data-testid="versions-table" data-ready={String(!!versions.data && !versions.isFetching)}>
          <Table<PlanVersion> rowKey="id" size="small" dataSource={versions.data} loading={versions.isFetching} pagination={false} locale={{ emptyText: <EmptyList /> }}
            columns={[
              { title: t('planVersions.number'), dataIndex: 'number', width: 90 },
              { title: t('planVersions.status'), dataIndex: 'status', width: 130, render: (s: string, v) => <>{<PlanStatusTag status={s} />}{v.id === plan.currentVersionId && <Typography.Text type="success">{t('planVersions.inForce')}</Typography.Text>}</> },
              { title: t('planVersions.changeNote'), dataIndex: 'changeNote', render: (n: string) => n || '—' },
              { title: t('planVersions.draftedBy'), dataIndex: 'draftedBy', render: (x: string | null) => x ?? '—' },
              { title: t('planVersions.approved'), key: 'approved', render: (_, v) => (v.approvedAt ? `${v.approvedBy ?? ''} · ${dateTime(v.approvedAt)}` : '—') },
              { title: t('planVersions.pdf'), key: 'pdf', width: 90, render: (_, v) => (
                <Button size="small" icon={<FilePdfOutlined />} href={pdfHref(plan.id, v.id)} download aria-label={t('planVersions.pdfOf', { n: v.number })}>PDF</Button>) },
            ]} />
        </div>
      )}
      <Card size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{t('planVersions.compare')}</Typography.Title>}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select aria-label={t('planVersions.from')} style={{ width: 220 }} value={from} onChange={setFrom} options={options} />
          <span aria-hidden>→</span>
          <Select aria-label={t('planVersions.to')} style={{ width: 220 }} value={to} onChange={setTo} options={options} />
        </Space>
        {from && to ? <DiffView planId={plan.id} from={from} to={to} /> : <Typography.Paragraph type="secondary">{t('planVersions.pickTwo')}</Typography.Paragraph>}
      </Card>
    </Space>
  );
}
