import { Form, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LESSON_CATEGORIES } from '../../../../src/domain/plans/catalog.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import type { Lesson } from './api';

interface Values { title: string; body: string; category: string; tags: string[]; entityId: string | null; locationId: string | null }

/** Records or changes a lesson of the shared library, optionally from an after-action review. */
export function LessonForm({ lesson, defaults, onClose }: { lesson?: Lesson; defaults?: Partial<Values> & { reviewId?: string }; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open onClose={onClose} width={720} testId="lesson-form" fields={['title', 'body', 'category', 'tags', 'entityId', 'locationId']}
      title={lesson ? t('lessons.edit') : t('lessons.create')}
      initialValues={lesson ?? { tags: [], entityId: null, locationId: null, ...defaults }}
      onSubmit={async (v) => {
        const body = { ...v, tags: (v.tags ?? []).map((x) => x.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean) };
        if (lesson) await api.patch(`/lessons/${lesson.id}`, body);
        else await api.post('/lessons', { ...body, reviewId: defaults?.reviewId ?? null });
        await qc.invalidateQueries({ queryKey: ['lessons'] });
      }}>
      <Form.Item name="title" label={t('lessons.titleField')} rules={required}><Input maxLength={300} /></Form.Item>
      <Form.Item name="body" label={t('lessons.body')} rules={required} extra={t('lessons.bodyHelp')}><Input.TextArea rows={5} maxLength={50_000} /></Form.Item>
      <Form.Item name="category" label={t('lessons.category')} rules={required}>
        <Select options={LESSON_CATEGORIES.map((c) => ({ value: c, label: t(`lessonCategories.${c}`) }))} />
      </Form.Item>
      <Form.Item name="tags" label={t('lessons.tags')} extra={t('lessons.tagsHelp')}><Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} /></Form.Item>
      <Form.Item name="entityId" label={t('lessons.entity')}><EntitySelect /></Form.Item>
      <Form.Item name="locationId" label={t('lessons.dutyStation')}><LocationSelect kind="duty_station" /></Form.Item>
    </FormModal>
  );
}
