import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Checkbox, Descriptions, Select, Space, Table } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tally, type ComplianceStatus } from '../../../../src/domain/risk/compliance.js';
import type { ChecklistItem } from '../../api/riskTypes';
import { useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { CsvExport } from '../../components/CsvImport';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { LocationSelect } from '../../components/pickers';
import { useFormat } from '../../i18n/format';
import { useRights } from '../risk/rights';
import { AssessItemForm } from './AssessItemForm';
import { ComplianceTag, DueDate, isGap, Percent, useChecklist, useTemplates } from './compliance';

/** A duty station's checklist against one template: every standard with its status, evidence and due date. */
export default function ChecklistPage() {
  const { templateId = '', locationId = '' } = useParams();
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const rights = useRights();
  const [gapsOnly, setGapsOnly] = useState(false);
  const [assessing, setAssessing] = useState<ChecklistItem>();
  const templates = useTemplates();
  const loc = useLocation(locationId);
  const list = useChecklist(locationId, templateId);
  const template = templates.data?.find((x) => x.id === templateId);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data || !templates.data) return <PageLoading />;
  const items = gapsOnly ? list.data.items.filter(isGap) : list.data.items;
  const counts = tally(list.data.items.map((i) => (i.status ?? 'not_compliant') as ComplianceStatus));
  const may = rights.compliance(locationId);
  const title = `${template?.name ?? ''} — ${loc.data?.name ?? ''}`;
  const exportHref = (f: string) => `/api/v1/security/compliance/locations/${locationId}/templates/${templateId}/export.${f}`;

  return (
    <>
      <PageHeader title={title} trail={[{ to: '/security', label: t('security.areas') }, { to: `/security/compliance?templateId=${templateId}`, label: t('moss.title') }]}
        actions={<>
          <CsvExport href={exportHref('csv')} label={t('csv.export')} />
          <CsvExport href={exportHref('xlsx')} label={t('risk.exportXlsx')} />
        </>} />
      <Card>
        <div className="orms-toolbar" role="search">
          <Select aria-label={t('moss.template')} style={{ width: 360 }} value={templateId}
            onChange={(v: string) => navigate(`/security/compliance/${v}/locations/${locationId}`)}
            options={templates.data.map((x) => ({ value: x.id, label: x.name }))} />
          <LocationSelect aria-label={t('risk.dutyStation')} kind="duty_station" style={{ width: 240 }} value={locationId} allowClear={false}
            onChange={(v) => v && navigate(`/security/compliance/${templateId}/locations/${v}`)} />
          <Checkbox checked={gapsOnly} onChange={(e) => setGapsOnly(e.target.checked)}>{t('moss.gapsOnly')}</Checkbox>
        </div>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }} items={[
          { key: 'pct', label: t('moss.compliance'), children: <span data-testid="checklist-percent" data-percent={list.data.percent ?? ''}><Percent value={list.data.percent} label={t('moss.compliance')} /></span> },
          { key: 'met', label: t('moss.counts'), children: t('moss.countsValue', { compliant: counts.compliant, partial: counts.partial, notCompliant: counts.notCompliant, applicable: counts.applicable }) },
          { key: 'rule', label: t('moss.howCounted'), children: t('moss.howCountedValue') },
        ]} />
        <Table<ChecklistItem> rowKey="itemId" size="small" dataSource={items} pagination={false} data-testid="checklist"
          locale={{ emptyText: <EmptyList /> }} rowClassName={(i) => (i.status === 'not_compliant' ? 'orms-row-alert' : '')}
          columns={[
            { title: t('moss.code'), dataIndex: 'code', width: 90 },
            { title: t('moss.standard'), dataIndex: 'text' },
            { title: t('moss.status'), dataIndex: 'status', width: 160, render: (s: string | null) => <ComplianceTag status={s} /> },
            { title: t('moss.evidence'), dataIndex: 'evidence', render: (e: string) => e || '—' },
            { title: t('moss.dueDate'), dataIndex: 'dueDate', width: 190, render: (_: unknown, i) => <DueDate item={i} /> },
            { title: t('moss.assessedAt'), dataIndex: 'updatedAt', width: 170, render: (d: string | null) => (d ? dateTime(d) : '—') },
            ...(may ? [{ title: t('common.actions'), key: 'a', width: 110, render: (_: unknown, i: ChecklistItem) => (
              <Space><Button size="small" icon={<EditOutlined />} onClick={() => setAssessing(i)} aria-label={`${t('moss.assess')} ${i.code}`}>{t('moss.assess')}</Button></Space>) }] : []),
          ]} />
      </Card>
      {assessing && <AssessItemForm open locationId={locationId} item={assessing} onClose={() => setAssessing(undefined)}
        onSaved={(c) => { qc.setQueryData(['security', 'checklist', locationId, templateId], c); void qc.invalidateQueries({ queryKey: ['security', 'compliance'] }); }} />}
    </>
  );
}
