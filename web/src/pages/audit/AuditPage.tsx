import { Card, DatePicker, Input, Select, Table, Tag, Tooltip } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, type Page } from '../../api/client';
import type { AuditEvent } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat, userTimeZone } from '../../i18n/format';
import { AuditDiff } from './AuditDiff';
import { AUDIT_ACTIONS, AUDIT_SUBJECTS } from '../../../../src/domain/audit.js';

const ACTION_COLOURS: Record<string, string> = { create: 'success', update: 'processing', delete: 'error', import: 'warning' };

/** A readable name for the subject, from whichever side of the change has one. */
function subjectLabel(e: AuditEvent): string {
  const side = (e.after ?? e.before) as Record<string, unknown> | null;
  if (!side || typeof side !== 'object') return '';
  const name = side.name ?? side.displayName ?? side.display_name ?? (side.givenName ? `${String(side.givenName)} ${String(side.familyName ?? '')}` : undefined) ?? side.email;
  return typeof name === 'string' ? name : '';
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { dateTime, number } = useFormat();
  const { get, num, set } = useUrlParams();
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const filters = {
    subjectType: get('subjectType'), action: get('action'), entityId: get('entityId'), locationId: get('locationId'),
    subjectId: get('subjectId'), actorId: get('actorId'), from: get('from'), to: get('to'),
  };
  const list = useQuery({
    queryKey: ['audit', { page, pageSize, ...filters }],
    queryFn: () => api.get<Page<AuditEvent>>('/audit', { page, pageSize, ...filters }),
    placeholderData: keepPreviousData,
  });
  const label = (prefix: string, v: string) => t(`${prefix}.${v}`, { defaultValue: v.replace(/_/g, ' ') });

  return (
    <>
      <PageHeader title={t('nav.audit')} />
      <Card>
        <div className="orms-toolbar" role="search">
          <Select aria-label={t('audit.subjectType')} placeholder={t('audit.subjectType')} allowClear style={{ width: 180 }} value={filters.subjectType}
            onChange={(v) => set({ subjectType: v, page: null })} options={AUDIT_SUBJECTS.map((s) => ({ value: s, label: label('subjects', s) }))} data-testid="audit-subject-type" />
          <Select aria-label={t('audit.action')} placeholder={t('audit.action')} allowClear style={{ width: 170 }} value={filters.action}
            onChange={(v) => set({ action: v, page: null })} options={AUDIT_ACTIONS.map((a) => ({ value: a, label: label('actions', a) }))} />
          <EntitySelect aria-label={t('audit.entity')} style={{ width: 220 }} value={filters.entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('audit.location')} style={{ width: 200 }} value={filters.locationId} onChange={(v) => set({ locationId: v, page: null })} />
          <DatePicker.RangePicker aria-label={t('audit.period')} allowEmpty={[true, true]}
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r) => set({ from: r?.[0]?.startOf('day').toISOString(), to: r?.[1]?.endOf('day').toISOString(), page: null })} />
          <Input.Search aria-label={t('audit.subjectId')} placeholder={t('audit.subjectId')} defaultValue={filters.subjectId} allowClear style={{ width: 260 }}
            onSearch={(v) => set({ subjectId: v.trim(), page: null })} />
        </div>
        {list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <Table<AuditEvent> data-testid="audit-table" rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items} scroll={{ x: 900 }}
            locale={{ emptyText: <EmptyList /> }}
            expandable={{ expandedRowRender: (e) => <AuditDiff event={e} />, expandRowByClick: false }}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n: number(n) }),
              onChange: (p, s) => set({ page: p, pageSize: s }) }}
            columns={[
              { title: t('audit.when', { zone: userTimeZone() }), dataIndex: 'at', width: 200, render: (at: string) => <Tooltip title={`UTC ${at}`}><span>{dateTime(at)}</span></Tooltip> },
              { title: t('audit.who'), dataIndex: 'actorEmail', render: (v: string | null) => v ?? t('audit.system') },
              { title: t('audit.action'), dataIndex: 'action', width: 150, render: (a: string) => <Tag color={ACTION_COLOURS[a]}>{label('actions', a)}</Tag> },
              { title: t('audit.what'), key: 'what', render: (_, e) => <span>{label('subjects', e.subjectType)}{subjectLabel(e) ? `: ${subjectLabel(e)}` : ''}</span> },
            ]} />
        )}
      </Card>
    </>
  );
}
