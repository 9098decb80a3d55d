import { Link } from 'react-router';
import { Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem, ComplianceTemplate } from '../../api/riskTypes';
import { ErrorState, PageLoading } from '../../components/states';
import { ComplianceTag, DueDate, isGap, Percent, useChecklist, useTemplates } from './compliance';

function TemplateAtStation({ locationId, template, showGaps }: { locationId: string; template: ComplianceTemplate; showGaps: boolean }) {
  const { t } = useTranslation();
  const list = useChecklist(locationId, template.id);
  if (list.error) return <ErrorState error={list.error} />;
  if (!list.data) return <PageLoading />;
  const gaps = list.data.items.filter(isGap);
  return (
    <div data-testid={`compliance-${template.kind}`}>
      <Space wrap>
        <Link to={`/security/compliance/${template.id}/locations/${locationId}`}>{template.name}</Link>
        <Percent value={list.data.percent} label={t('moss.percentOf', { name: template.name })} />
        <Typography.Text type={gaps.length ? 'danger' : 'secondary'}>{t('moss.gapCount', { n: gaps.length })}</Typography.Text>
      </Space>
      {showGaps && gaps.length > 0 && (
        <Table<ChecklistItem> rowKey="itemId" size="small" dataSource={gaps} pagination={false} style={{ marginTop: 8 }} data-testid={`gaps-${template.kind}`}
          columns={[
            { title: t('moss.code'), dataIndex: 'code', width: 80 },
            { title: t('moss.standard'), dataIndex: 'text' },
            { title: t('moss.status'), dataIndex: 'status', width: 150, render: (s: string | null) => <ComplianceTag status={s} /> },
            { title: t('moss.dueDate'), dataIndex: 'dueDate', width: 190, render: (_: unknown, i) => <DueDate item={i} /> },
          ]} />
      )}
    </div>
  );
}

/** A duty station's standing against every checklist template (MOSS, MORSS), with its gaps when asked. */
export function StationCompliance({ locationId, showGaps = false }: { locationId: string; showGaps?: boolean }) {
  const { t } = useTranslation();
  const templates = useTemplates();
  if (templates.error) return <ErrorState error={templates.error} />;
  if (!templates.data) return <PageLoading />;
  if (!templates.data.length) return <Empty description={t('moss.noTemplates')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {templates.data.map((tp) => <TemplateAtStation key={tp.id} locationId={locationId} template={tp} showGaps={showGaps} />)}
    </Space>
  );
}
