import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Sra } from '../../api/riskTypes';
import { ErrorState, PageLoading } from '../../components/states';
import { BandTag } from '../risk/matrix';
import { SraForm } from './SraForm';

type Scenario = Sra['scenarios'][number];
export const useAreaSras = (areaId: string) => useQuery({ queryKey: ['security', 'sras', areaId], queryFn: () => api.get<Sra[]>('/security/sras', { areaId }) });

/** The area's security risk assessments, each with its scenarios; the area's advisers write and revise them. */
export function AreaSras({ areaId, editable }: { areaId: string; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const sras = useAreaSras(areaId);
  const [editing, setEditing] = useState<Sra | 'new'>();
  if (sras.error) return <ErrorState error={sras.error} onRetry={() => void sras.refetch()} />;
  if (!sras.data) return <PageLoading />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="area-sras">
      {editable && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('srmEdit.newSra')}</Button>}
      {!sras.data.length && <Empty description={t('security.noSra')} />}
      {sras.data.map((s) => (
        <Card key={s.id} size="small" data-testid="sra" title={<Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>{s.title}</Typography.Title>}
          extra={editable && <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={`${t('common.edit')} ${s.title}`}>{t('common.edit')}</Button>}>
          <Descriptions size="small" column={{ xs: 1, md: 4 }} items={[
            { key: 'status', label: t('security.sraStatus'), children: <Tag>{t(`sraStatuses.${s.status}`, { defaultValue: s.status })}</Tag> },
            { key: 'on', label: t('security.assessedOn'), children: s.assessedOn },
            { key: 'until', label: t('security.validUntil'), children: s.validUntil ?? '—' },
            { key: 'worst', label: t('security.highestResidual'), children: <span data-testid="sra-highest"><BandTag band={s.highestResidual} /></span> },
          ]} />
          <Table<Scenario> rowKey="id" size="small" dataSource={s.scenarios} pagination={false} scroll={{ x: 900 }}
            columns={[
              { title: t('security.threatCategory'), dataIndex: 'threatCategory', width: 130, render: (c: string) => t(`threatCategories.${c}`, { defaultValue: c }) },
              { title: t('security.scenario'), dataIndex: 'description' },
              { title: t('risk.inherent'), key: 'inherent', width: 110, render: (_, x) => <BandTag band={x.inherent.band} /> },
              { title: t('security.existingMeasures'), dataIndex: 'existingMeasures', render: (m: string) => m || '—' },
              { title: t('srmEdit.recommendedMeasures'), dataIndex: 'recommendedMeasures', render: (m: string) => m || '—' },
              { title: t('risk.residual'), key: 'residual', width: 110, render: (_, x) => <BandTag band={x.residual.band} /> },
            ]} />
        </Card>
      ))}
      {editing && <SraForm open areaId={areaId} sra={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)}
        onSaved={() => void qc.invalidateQueries({ queryKey: ['security'] })} />}
    </Space>
  );
}
