import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Sra } from '../../api/riskTypes';
import { ErrorState, PageLoading } from '../../components/states';
import { BandTag } from '../risk/matrix';

type Scenario = Sra['scenarios'][number];

/** The area's security risk assessments, each with its scenarios. */
export function AreaSras({ areaId }: { areaId: string }) {
  const { t } = useTranslation();
  const sras = useQuery({ queryKey: ['security', 'sras', areaId], queryFn: () => api.get<Sra[]>('/security/sras', { areaId }) });
  if (sras.error) return <ErrorState error={sras.error} onRetry={() => void sras.refetch()} />;
  if (!sras.data) return <PageLoading />;
  if (!sras.data.length) return <Empty description={t('security.noSra')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="area-sras">
      {sras.data.map((s) => (
        <Card key={s.id} size="small" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{s.title}</Typography.Title>}>
          <Descriptions size="small" column={{ xs: 1, md: 4 }} items={[
            { key: 'status', label: t('security.sraStatus'), children: <Tag>{t(`sraStatuses.${s.status}`, { defaultValue: s.status })}</Tag> },
            { key: 'on', label: t('security.assessedOn'), children: s.assessedOn },
            { key: 'until', label: t('security.validUntil'), children: s.validUntil ?? '—' },
            { key: 'worst', label: t('security.highestResidual'), children: <BandTag band={s.highestResidual} /> },
          ]} />
          <Table<Scenario> rowKey="id" size="small" dataSource={s.scenarios} pagination={false}
            columns={[
              { title: t('security.threatCategory'), dataIndex: 'threatCategory', render: (c: string) => t(`threatCategories.${c}`, { defaultValue: c }) },
              { title: t('security.scenario'), dataIndex: 'description' },
              { title: t('risk.inherent'), key: 'inherent', render: (_, x) => <BandTag band={x.inherent.band} /> },
              { title: t('security.existingMeasures'), dataIndex: 'existingMeasures' },
              { title: t('risk.residual'), key: 'residual', render: (_, x) => <BandTag band={x.residual.band} /> },
            ]} />
        </Card>
      ))}
    </Space>
  );
}
