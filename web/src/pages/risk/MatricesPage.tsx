import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Matrix } from '../../api/riskTypes';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { useMatrices } from './matrix';
import { MatrixGrid } from './MatrixGrid';
import { MatrixEditor } from './MatrixEditor';
import { useRights } from './rights';

/** Every version of the risk matrices, the one in force first; administrators add a new version. */
export default function MatricesPage() {
  const { t } = useTranslation();
  const { dateTime, number } = useFormat();
  const qc = useQueryClient();
  const rights = useRights();
  const list = useMatrices();
  const [editing, setEditing] = useState<Matrix>();
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <PageLoading />;
  const inForce = new Set([...new Set(list.data.map((m) => m.key))].map((k) => list.data.filter((m) => m.key === k).sort((a, b) => b.version - a.version)[0]!.id));
  const latest = list.data.find((m) => m.key === 'default' && inForce.has(m.id));

  return (
    <>
      <PageHeader title={t('riskMatrices.title')} trail={[{ to: '/risk', label: t('nav.risk') }]} actions={rights.matrices && latest && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(latest)}>{t('riskMatrices.newVersion')}</Button>)} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('riskMatrices.versioningHelp')} />
      <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="matrix-versions">
        {list.data.map((m) => (
          <Card key={m.id} data-testid={`matrix-${m.key}-v${m.version}`}
            title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{m.name} · {t('riskMatrices.version', { n: m.version })}</Typography.Title>}
            extra={inForce.has(m.id) ? <Tag color="success">{t('riskMatrices.inForce')}</Tag> : <Tag>{t('riskMatrices.superseded')}</Tag>}>
            <Descriptions size="small" column={{ xs: 1, md: 4 }} items={[
              { key: 'key', label: t('riskMatrices.key'), children: m.key },
              { key: 'created', label: t('riskMatrices.created'), children: dateTime(m.createdAt) },
              { key: 'size', label: t('riskMatrices.size'), children: `${m.definition.likelihoods.length} × ${m.definition.impacts.length}` },
              { key: 'usage', label: t('riskMatrices.ratedOnIt'), children: <span data-testid="matrix-usage">{t('riskMatrices.usage', {
                risks: number(m.usage?.risks ?? 0), sras: number(m.usage?.sras ?? 0), joint: number(m.usage?.jointAssessments ?? 0) })}</span> },
            ]} />
            <MatrixGrid matrix={m.definition} caption={t('riskMatrices.gridCaption', { name: m.name, n: m.version })} />
            <Space wrap>
              {m.definition.levels.map((l) => (
                <span key={l.key}><Tag style={{ background: l.color, borderColor: l.color, color: 'inherit', width: 14, height: 14, padding: 0 }} aria-hidden /> {l.label}{l.label === t(`riskBands.${l.band}`) ? '' : ` (${t(`riskBands.${l.band}`)})`}</span>
              ))}
            </Space>
          </Card>
        ))}
      </Space>
      {editing && <MatrixEditor base={editing} onClose={() => setEditing(undefined)} onSaved={() => void qc.invalidateQueries({ queryKey: ['risk', 'matrices'] })} />}
    </>
  );
}
