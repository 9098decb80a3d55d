import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Badge, Button, Calendar, Card, Input, Modal, Segmented, Select, Space, Table, Typography } from 'antd';
import { CalendarOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { EXERCISE_KINDS, EXERCISE_STATUSES } from '../../../../src/domain/plans/catalog.js';
import { api, withQuery, type Page } from '../../api/client';
import { byId, useDutyStations, useEntities } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, useErrorMessage } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { CsvExport } from '../../components/CsvImport';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { useAreaRights } from '../plans/rights';
import type { Exercise } from './api';
import { ExercisesNav } from './ExercisesNav';
import { ExerciseForm } from './ExerciseForm';
import { ExerciseStatusTag } from './tags';

/** The subscription link for calendar applications, and the one-off download. */
function CalendarFeed({ filters }: { filters: { locationId?: string | undefined; entityId?: string | undefined } }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [open, setOpen] = useState(false);
  const link = useQuery({ queryKey: ['exercises', 'calendar-link'], queryFn: () => api.get<{ path: string; expiresAt: string }>('/exercises/calendar-link'), enabled: open, staleTime: 3600_000 });
  const { date } = useFormat();
  const url = link.data ? `${window.location.origin}${link.data.path}` : '';
  return (
    <>
      <Button icon={<CalendarOutlined />} onClick={() => setOpen(true)}>{t('exercises.feed')}</Button>
      <Modal open={open} title={t('exercises.feed')} onCancel={() => setOpen(false)} footer={<Button onClick={() => setOpen(false)}>{t('common.close')}</Button>}>
        <Typography.Paragraph>{t('exercises.feedHelp')}</Typography.Paragraph>
        {link.error ? <Alert type="error" showIcon title={describe(link.error)} /> : (
          <>
            <label htmlFor="feed-url" className="orms-label">{t('exercises.feedUrl')}</label>
            <Input id="feed-url" readOnly value={url} data-testid="feed-url" onFocus={(e) => e.target.select()} />
            {link.data && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('exercises.feedExpires', { at: date(link.data.expiresAt) })}</Typography.Paragraph>}
          </>
        )}
        <Button href={withQuery('/api/v1/exercises/calendar.ics', filters)} download="exercises.ics">{t('exercises.downloadIcs')}</Button>
      </Modal>
    </>
  );
}

function ExerciseCalendar({ filters }: { filters: Record<string, string | undefined> }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(7, 'day').format('YYYY-MM-DD');
  const q = { ...filters, from, to, pageSize: 500 };
  const list = useQuery({ queryKey: ['exercises', 'list', q], queryFn: () => api.get<Page<Exercise>>('/exercises', q), placeholderData: keepPreviousData });
  const byDay = new Map<string, Exercise[]>();
  for (const e of list.data?.items ?? []) {
    for (let d = dayjs(e.startsAt).startOf('day'); !d.isAfter(dayjs(e.endsAt)); d = d.add(1, 'day')) {
      const k = d.format('YYYY-MM-DD');
      byDay.set(k, [...(byDay.get(k) ?? []), e]);
    }
  }
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div data-testid="exercise-calendar" className="exercise-calendar">
      <Calendar value={month} onPanelChange={(d) => setMonth(d)} onSelect={(d, info) => { if (info.source !== 'date') setMonth(d); }}
        headerRender={() => (
          <Space className="exercise-calendar-head">
            <Button icon={<LeftOutlined />} aria-label={t('exercises.previousMonth')} onClick={() => setMonth(month.subtract(1, 'month'))} />
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0, minWidth: 180, textAlign: 'center' }} aria-live="polite">
              {new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' }).format(month.toDate())}
            </Typography.Title>
            <Button icon={<RightOutlined />} aria-label={t('exercises.nextMonth')} onClick={() => setMonth(month.add(1, 'month'))} />
            <Button onClick={() => setMonth(dayjs())}>{t('exercises.thisMonth')}</Button>
          </Space>
        )}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
          return (
            <ul className="exercise-calendar-day">
              {items.map((e) => (
                <li key={e.id}>
                  <Badge status={e.status === 'conducted' ? 'success' : e.status === 'cancelled' ? 'default' : 'processing'} />
                  <a href={`/exercises/${e.id}`} onClick={(ev) => { ev.preventDefault(); navigate(`/exercises/${e.id}`); }}>{e.title}</a>
                </li>
              ))}
            </ul>
          );
        }} />
      <Typography.Text type="secondary">{t('exercises.calendarHelp')}</Typography.Text>
    </div>
  );
}

/** The exercise programme: a list (filtered, exportable) or a month calendar, and the iCalendar feed. */
export default function ExercisesPage() {
  const { t } = useTranslation();
  const { number, dateTime } = useFormat();
  const navigate = useNavigate();
  const rights = useAreaRights();
  const { get, num, set } = useUrlParams();
  const [creating, setCreating] = useState(false);
  const view = get('view') === 'calendar' ? 'calendar' : 'list';
  const page = num('page', 1), pageSize = num('pageSize', 50);
  const filters = { kind: get('kind'), status: get('status'), entityId: get('entityId'), locationId: get('locationId') };
  const query = { page, pageSize, ...filters };
  const list = useQuery({ queryKey: ['exercises', 'list', query], queryFn: ({ signal }) => api.get<Page<Exercise>>('/exercises', query, signal), placeholderData: keepPreviousData, enabled: view === 'list' });
  const entities = byId(useEntities().data);
  const stations = byId(useDutyStations().data);

  return (
    <>
      <PageHeader title={t('nav.exercises')} actions={<>
        {rights.writeExercises && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('exercises.create')}</Button>}
        <CalendarFeed filters={{ locationId: filters.locationId, entityId: filters.entityId }} />
        <CsvExport href={withQuery('/api/v1/exercises/export.csv', filters)} label={t('csv.export')} />
        <CsvExport href={withQuery('/api/v1/exercises/export.xlsx', filters)} label={t('exercises.exportXlsx')} />
      </>} />
      <ExercisesNav />
      <Card>
        <div className="orms-toolbar" role="search">
          <Segmented aria-label={t('exercises.view')} value={view} onChange={(v) => set({ view: v === 'list' ? null : String(v), page: null })}
            options={[{ value: 'list', label: t('exercises.listView') }, { value: 'calendar', label: t('exercises.calendarView') }]} />
          <Select aria-label={t('exercises.kind')} placeholder={t('exercises.kind')} allowClear style={{ width: 230 }} value={filters.kind}
            onChange={(v) => set({ kind: v, page: null })} options={EXERCISE_KINDS.map((k) => ({ value: k, label: t(`exerciseKinds.${k}`) }))} />
          <Select aria-label={t('exercises.status')} placeholder={t('exercises.status')} allowClear style={{ width: 150 }} value={filters.status}
            onChange={(v) => set({ status: v, page: null })} options={EXERCISE_STATUSES.map((s) => ({ value: s, label: t(`exerciseStatuses.${s}`) }))} />
          <EntitySelect aria-label={t('exercises.entity')} style={{ width: 220 }} value={filters.entityId} onChange={(v) => set({ entityId: v, page: null })} />
          <LocationSelect aria-label={t('exercises.dutyStation')} kind="duty_station" style={{ width: 190 }} value={filters.locationId} onChange={(v) => set({ locationId: v, page: null })} />
        </div>
        {view === 'calendar' ? <ExerciseCalendar filters={filters} /> : list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : (
          <div data-testid="exercises-table" data-ready={String(!list.isFetching && !list.isPlaceholderData && !!list.data)}>
            <Table<Exercise> rowKey="id" loading={{ spinning: list.isFetching, delay: 250 }} dataSource={list.data?.items} scroll={{ x: 1000 }}
              locale={{ emptyText: <EmptyList description={t('exercises.empty')} /> }}
              pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
                showTotal: (n) => t('common.total', { n: number(n) }), onChange: (p, s) => set({ page: p, pageSize: s }) }}
              columns={[
                { title: t('exercises.titleField'), dataIndex: 'title', render: (v: string, r) => <Link to={`/exercises/${r.id}`}>{v}</Link> },
                { title: t('exercises.kind'), dataIndex: 'kind', render: (k: string) => t(`exerciseKinds.${k}`, { defaultValue: k }) },
                { title: t('exercises.starts'), dataIndex: 'startsAt', width: 190, render: (d: string) => dateTime(d) },
                { title: t('exercises.status'), dataIndex: 'status', width: 120, render: (s: string) => <ExerciseStatusTag status={s} /> },
                { title: t('exercises.entity'), dataIndex: 'entityId', render: (id: string | null) => (id ? entities.get(id)?.code ?? '…' : '—') },
                { title: t('exercises.dutyStation'), dataIndex: 'locationId', render: (id: string | null) => (id ? stations.get(id)?.name ?? '…' : '—') },
                { title: t('exercises.objectivesMet'), key: 'met', width: 150, render: (_, r) => t('exercises.metOf', { met: r.objectives.filter((o) => o.result === 'met').length, total: r.objectives.length }) },
              ]} />
          </div>
        )}
      </Card>
      {creating && <ExerciseForm onClose={() => setCreating(false)} onSaved={(e) => navigate(`/exercises/${e.id}`)} />}
    </>
  );
}
