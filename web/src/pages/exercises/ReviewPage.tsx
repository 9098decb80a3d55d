import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Descriptions, Form, Input, List, Space, Tag, Typography } from 'antd';
import { BulbOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import { useEntities, useLocation } from '../../api/lookups';
import { PageHeader } from '../../components/PageHeader';
import { FormModal } from '../../components/forms';
import { EmptyList, ErrorState, PageLoading } from '../../components/states';
import { useAreaRights } from '../plans/rights';
import { useDay } from '../plans/format';
import type { Exercise, Lesson, Review } from './api';
import { ExercisesNav } from './ExercisesNav';
import { ActionTable } from './ActionTable';
import { FindingFields, type FindingValues } from './ReviewFormPage';
import { LessonForm } from './LessonForm';

function NarrativeForm({ review, onClose }: { review: Review; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <FormModal<Pick<Review, 'title' | 'whatHappened' | 'whatWorked' | 'whatDidNot'>> open onClose={onClose} width={760} testId="narrative-form" title={t('aar.editNarrative')}
      fields={['title', 'whatHappened', 'whatWorked', 'whatDidNot']} initialValues={review}
      onSubmit={async (v) => { qc.setQueryData(['after-action-reviews', 'one', review.id], await api.patch<Review>(`/after-action-reviews/${review.id}`, v)); }}>
      <Form.Item name="title" label={t('aar.titleField')} rules={[{ required: true, message: t('validation.required') }]}><Input maxLength={300} /></Form.Item>
      <Form.Item name="whatHappened" label={t('aar.whatHappened')}><Input.TextArea rows={4} maxLength={50_000} /></Form.Item>
      <Form.Item name="whatWorked" label={t('aar.whatWorked')}><Input.TextArea rows={3} maxLength={50_000} /></Form.Item>
      <Form.Item name="whatDidNot" label={t('aar.whatDidNot')}><Input.TextArea rows={3} maxLength={50_000} /></Form.Item>
    </FormModal>
  );
}

function FindingForm({ review, onClose }: { review: Review; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <FormModal<FindingValues> open onClose={onClose} width={820} testId="finding-form" title={t('aar.addFinding')} fields={['finding', 'action', 'ownerPersonId', 'dueDate', 'planId']}
      initialValues={{ planId: null }}
      onSubmit={async (v) => {
        qc.setQueryData(['after-action-reviews', 'one', review.id], await api.post<Review>(`/after-action-reviews/${review.id}/findings`, v));
        await Promise.all([qc.invalidateQueries({ queryKey: ['corrective-actions'] }), qc.invalidateQueries({ queryKey: ['plans'] })]);
      }}>
      <FindingFields n={review.actions.length + 1} />
    </FormModal>
  );
}

/** An after-action review: what happened, worked and did not; its findings as corrective actions; the lessons drawn. */
export default function ReviewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const day = useDay();
  const rights = useAreaRights();
  const [dialog, setDialog] = useState<'narrative' | 'finding' | 'lesson'>();
  const review = useQuery({ queryKey: ['after-action-reviews', 'one', id], queryFn: () => api.get<Review>(`/after-action-reviews/${id}`) });
  const r = review.data;
  const exercise = useQuery({ queryKey: ['exercises', 'one', r?.exerciseId], queryFn: () => api.get<Exercise>(`/exercises/${r!.exerciseId}`), enabled: !!r?.exerciseId });
  const lessons = useQuery({ queryKey: ['lessons', 'review', id], queryFn: () => api.get<Page<Lesson>>('/lessons', { reviewId: id, pageSize: 100 }).then((p) => p.items) });
  const station = useLocation(r?.locationId);
  const entity = useEntities().data?.find((e) => e.id === r?.entityId);
  if (review.error) return <ErrorState error={review.error} onRetry={() => void review.refetch()} />;
  if (!r) return <PageLoading />;
  const editable = rights.writeExercises;
  const text = (s: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{s || '—'}</span>;

  return (
    <>
      <PageHeader title={r.title} trail={[{ to: '/exercises', label: t('nav.exercises') }, { to: '/exercises/reviews', label: t('aar.title') }]} actions={<>
        {editable && <Button icon={<EditOutlined />} onClick={() => setDialog('narrative')}>{t('aar.editNarrative')}</Button>}
        {rights.writeLessons && <Button icon={<BulbOutlined />} onClick={() => setDialog('lesson')}>{t('lessons.fromReview')}</Button>}
      </>} />
      <ExercisesNav />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="aar-details" items={[
            { key: 'kind', label: t('aar.kind'), children: <Tag>{t(`aar.kinds.${r.kind}`)}</Tag> },
            { key: 'date', label: t('aar.eventDate'), children: day(r.eventDate) },
            { key: 'exercise', label: t('aar.exercise'), children: r.exerciseId ? <Link to={`/exercises/${r.exerciseId}`}>{exercise.data?.title ?? '…'}</Link> : '—' },
            { key: 'place', label: t('aar.where'), children: [entity?.code, station.data?.name].filter(Boolean).join(' · ') || '—' },
            { key: 'happened', label: t('aar.whatHappened'), span: 2, children: text(r.whatHappened) },
            { key: 'worked', label: t('aar.whatWorked'), span: 2, children: text(r.whatWorked) },
            { key: 'didnot', label: t('aar.whatDidNot'), span: 2, children: text(r.whatDidNot) },
          ]} />
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('aar.findings')}</Typography.Title>}
          extra={editable && <Button icon={<PlusOutlined />} onClick={() => setDialog('finding')}>{t('aar.addFinding')}</Button>}>
          <ActionTable testId="aar-actions" items={r.actions} loading={review.isFetching} />
        </Card>
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('lessons.fromThisReview')}</Typography.Title>}>
          {lessons.error ? <ErrorState error={lessons.error} /> : (
            <List dataSource={lessons.data} loading={lessons.isFetching} locale={{ emptyText: <EmptyList description={t('lessons.noneFromReview')} /> }}
              renderItem={(l) => <List.Item><List.Item.Meta title={<Link to={`/exercises/lessons?q=${encodeURIComponent(l.title)}`}>{l.title}</Link>} description={l.body} /></List.Item>} />
          )}
        </Card>
      </Space>
      {dialog === 'narrative' && <NarrativeForm review={r} onClose={() => setDialog(undefined)} />}
      {dialog === 'finding' && <FindingForm review={r} onClose={() => setDialog(undefined)} />}
      {dialog === 'lesson' && <LessonForm defaults={{ reviewId: r.id, entityId: r.entityId, locationId: r.locationId }} onClose={() => setDialog(undefined)} />}
    </>
  );
}
