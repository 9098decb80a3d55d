import { Progress, Tag } from 'antd';
import dayjs from 'dayjs';
import { isGapOverdue } from '../../../../src/domain/risk/compliance.js';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Checklist, ChecklistItem, ComplianceTemplate } from '../../api/riskTypes';

/** The templates, MOSS before MORSS (office standards first, then residential ones). */
export const useTemplates = () => useQuery({
  queryKey: ['security', 'templates'], staleTime: 60_000,
  queryFn: async () => (await api.get<ComplianceTemplate[]>('/security/compliance/templates')).sort((a, b) => Number(a.kind !== 'moss') - Number(b.kind !== 'moss') || a.name.localeCompare(b.name)),
});
export const useChecklist = (locationId: string, templateId: string | undefined) => useQuery({
  queryKey: ['security', 'checklist', locationId, templateId], enabled: !!templateId,
  queryFn: () => api.get<Checklist>(`/security/compliance/locations/${locationId}/templates/${templateId}`),
});

/** An item is a gap when it is not met: not compliant, partly compliant, or never assessed. */
export const isGap = (i: ChecklistItem) => i.status === null || i.status === 'not_compliant' || i.status === 'partial';

const STATUS_COLOURS: Record<string, string> = { compliant: 'success', partial: 'warning', not_compliant: 'error', not_applicable: 'default' };

export function ComplianceTag({ status }: { status: string | null }) {
  const { t } = useTranslation();
  return <Tag color={status ? STATUS_COLOURS[status] : 'default'} data-status={status ?? 'unassessed'}>{t(`moss.statuses.${status ?? 'unassessed'}`)}</Tag>;
}

/** An item's closing date, flagged when a gap is past it. */
export function DueDate({ item }: { item: ChecklistItem }) {
  const { t } = useTranslation();
  if (!item.dueDate) return <>—</>;
  return <>{item.dueDate} {isGapOverdue(item, dayjs().format('YYYY-MM-DD')) && <Tag color="error" data-testid="gap-overdue">{t('risk.overdue')}</Tag>}</>;
}

/** The compliance percentage as a bar; red below 50 %, orange below 80 %. */
export function Percent({ value, label }: { value: number | null | undefined; label: string }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Tag>{t('moss.noneApplicable')}</Tag>;
  const color = value < 50 ? '#cf1322' : value < 80 ? '#d46b08' : '#389e0d';
  return <Progress percent={value} size="small" strokeColor={color} style={{ width: 160, margin: 0 }} aria-label={label} format={(p) => `${p} %`} />;
}
