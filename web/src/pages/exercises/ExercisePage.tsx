import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, FileDoneOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OBJECTIVE_RESULTS } from '../../../../src/domain/plans/catalog.js';
import { api, type Page } from '../../api/client';
import { useEntities, useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { EmptyList, ErrorState, PageLoading, useErrorMessage } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { PersonLabel, PlanLabel, TeamLabel } from '../plans/pickers';
import { useAreaRights } from '../plans/rights';
import type { Exercise, Objective, Participant, Review } from './api';
import { ExercisesNav } from './ExercisesNav';
import { ExerciseForm } from './ExerciseForm';
import { ExerciseStatusTag, ResultTag } from './tags';

/** One objective's result, recorded in place: met, partly met or not met, with a note. */
function ResultEditor({ exercise, objective, editable }: { exercise: Exercise; objective: Objective; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const qc = useQueryClient();
  const [note, setNote] = useState(objective.resultNote);
  const [result, setResult] = useState(objective.result);
  const [busy, setBusy] = useState(false);
  if (!editable) return <Space orientation="vertical"><ResultTag result={objective.result} />{objective.resultNote && <Typography.Text>{objective.resultNote}</Typography.Text>}</Space>;
  const dirty = result !== objective.result || note !== objective.resultNote;
  const save = async () => {
    if (!result) return;
    setBusy(true);
    try {
      const e = await api.put<Exercise>(`/exercises/${exercise.id}/objectives/${objective.id}/result`, { result, note });
      qc.setQueryData(['exercises', 'one', exercise.id], e);
      message.success(t('exercises.resultSaved'));
    } catch (e) { message.error(describe(e), 6); } finally { setBusy(false); }
  };
  return (
    <Space wrap>
      <Select aria-label={t('exercises.resultOf', { objective: objective.text })} placeholder={t('exerciseResults.none')} style={{ width: 170 }} value={result ?? undefined}
        onChange={setResult} options={OBJECTIVE_RESULTS.map((r) => ({ value: r, label: t(`exerciseResults.${r}`) }))} />
      <Input aria-label={t('exercises.resultNoteOf', { objective: objective.text })} placeholder={t('exercises.resultNote')} style={{ width: 300 }} value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
      <Button onClick={() => void save()} disabled={!result || !dirty} loading={busy} aria-label={t('exercises.saveResultOf', { objective: objective.text })}>{t('common.save')}</Button>
    </Space>
  );
}

/** Attendance of one person, changed in place. */
function AttendanceSelect({ exercise, person, editable, n }: { exercise: Exercise; person: Participant; editable: boolean; n: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const qc = useQueryClient();
  const value = person.attended === null ? 'unknown' : person.attended ? 'yes' : 'no';
  if (!editable) return <>{t(`exercises.attendance.${value}`)}</>;
  const change = async (v: string) => {
    const participants = exercise.participants.map((p) => (p.personId === person.personId ? { ...p, attended: v === 'unknown' ? null : v === 'yes' } : p));
    try { qc.setQueryData(['exercises', 'one', exercise.id], await api.patch<Exercise>(`/exercises/${exercise.id}`, { participants })); } catch (e) { message.error(describe(e), 6); }
  };
  return <Select size="small" style={{ width: 140 }} aria-label={t('exercises.attendanceOf', { n })} value={value} onChange={(v: string) => void change(v)}
    options={(['unknown', 'yes', 'no'] as const).map((a) => ({ value: a, label: t(`exercises.attendance.${a}`) }))} />;
}

export default function ExercisePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const rights = useAreaRights();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const ex = useQuery({ queryKey: ['exercises', 'one', id], queryFn: () => api.get<Exercise>(`/exercises/${id}`) });
  const reviews = useQuery({ queryKey: ['after-action-reviews', 'exercise', id], queryFn: () => api.get<Page<Review>>('/after-action-reviews', { exerciseId: id, pageSize: 50 }) });
  const station = useLocation(ex.data?.locationId);
  const entity = useEntities().data?.find((e) => e.id === ex.data?.entityId);
  if (ex.error) return <ErrorState error={ex.error} onRetry={() => void ex.refetch()} />;
  if (!ex.data) return <PageLoading />;
  const e = ex.data;
  const editable = rights.writeExercises;
  const zone = station.data?.timeZone;
  const when = (iso: string) => <>{dateTime(iso)}{zone && <Typography.Text type="secondary"> · {t('exercises.localTime', { time: dateTime(iso, zone), station: station.data?.name })}</Typography.Text>}</>;

  return (
    <>
      <PageHeader title={e.title} trail={[{ to: '/exercises', label: t('nav.exercises') }]} actions={<>
        {editable && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
        {editable && <Button type="primary" icon={<FileDoneOutlined />} onClick={() => navigate(`/exercises/reviews/new?exerciseId=${e.id}`)}>{t('aar.record')}</Button>}
      </>} />
      <ExercisesNav />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="exercise-details" items={[
            { key: 'kind', label: t('exercises.kind'), children: t(`exerciseKinds.${e.kind}`, { defaultValue: e.kind }) },
            { key: 'status', label: t('exercises.status'), children: <ExerciseStatusTag status={e.status} /> },
            { key: 'starts', label: t('exercises.starts'), children: when(e.startsAt) },
            { key: 'ends', label: t('exercises.ends'), children: when(e.endsAt) },
            { key: 'entity', label: t('exercises.entity'), children: entity ? `${entity.code} — ${entity.name}` : '—' },
            { key: 'station', label: t('exercises.dutyStation'), children: station.data?.name ?? '—' },
            { key: 'plans', label: t('exercises.plans'), children: e.planIds.length ? <Space wrap>{e.planIds.map((p) => <PlanLabel key={p} id={p} />)}</Space> : '—' },
            { key: 'teams', label: t('exercises.teams'), children: e.teamIds.length ? <Space wrap>{e.teamIds.map((x) => <TeamLabel key={x} id={x} />)}</Space> : '—' },
            { key: 'scenario', label: t('exercises.scenario'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{e.scenario || '—'}</span> },
          ]} />
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('exercises.results')}</Typography.Title>}>
          <Table<Objective> rowKey="id" dataSource={e.objectives} pagination={false} data-testid="objectives"
            columns={[
              { title: '#', key: 'n', width: 50, render: (_, _o, i) => i + 1 },
              { title: t('exercises.objective'), dataIndex: 'text' },
              { title: t('exercises.result'), key: 'result', width: 560, render: (_, o) => <ResultEditor key={`${o.id}-${o.result}-${o.resultNote}`} exercise={e} objective={o} editable={editable} /> },
            ]} />
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('exercises.people')}</Typography.Title>}>
          <Table<Participant> rowKey="personId" dataSource={e.participants} pagination={false} data-testid="participants" locale={{ emptyText: <EmptyList description={t('exercises.noPeople')} /> }}
            columns={[
              { title: t('exercises.person'), dataIndex: 'personId', render: (p: string) => <PersonLabel id={p} /> },
              { title: t('exercises.role'), dataIndex: 'role', width: 180, render: (r: string) => <Tag>{t(`exerciseRoles.${r}`, { defaultValue: r })}</Tag> },
              { title: t('exercises.attended'), key: 'attended', width: 200, render: (_, p, i) => <AttendanceSelect exercise={e} person={p} editable={editable} n={i + 1} /> },
            ]} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('exercises.attendanceSummary', { yes: e.participants.filter((p) => p.attended).length, total: e.participants.length })}
          </Typography.Paragraph>
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('aar.title')}</Typography.Title>}>
          {reviews.error ? <ErrorState error={reviews.error} /> : (
            <Table<Review> rowKey="id" size="small" dataSource={reviews.data?.items} loading={reviews.isFetching} pagination={false}
              locale={{ emptyText: <EmptyList description={t('aar.noneForExercise')} /> }}
              columns={[
                { title: t('aar.titleField'), dataIndex: 'title', render: (v: string, r) => <Link to={`/exercises/reviews/${r.id}`}>{v}</Link> },
                { title: t('aar.eventDate'), dataIndex: 'eventDate', width: 140 },
                { title: t('correctiveActions.title'), key: 'n', width: 200, render: (_, r) => t('aar.actionsCount', { open: r.actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length, total: r.actions.length }) },
              ]} />
          )}
        </Card>
      </Space>
      {editing && <ExerciseForm exercise={e} onClose={() => setEditing(false)} onSaved={(x) => qc.setQueryData(['exercises', 'one', id], x)} />}
    </>
  );
}
