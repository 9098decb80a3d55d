import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { REVIEW_KINDS } from '../../../../src/domain/plans/catalog.js';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { applyApiError, requiredMark } from '../../components/forms';
import { EntitySelect, LocationSelect, PersonSelect } from '../../components/pickers';
import { DayPicker } from '../../components/DayPicker';
import { PageLoading, useErrorMessage } from '../../components/states';
import { RemoteSelect } from '../plans/pickers';
import type { Exercise, Review } from './api';
import { ExercisesNav } from './ExercisesNav';

export interface FindingValues { finding: string; action: string; ownerPersonId: string | null; dueDate: string | null; planId: string | null }
interface Values {
  kind: string; exerciseId: string | null; title: string; eventDate: string | null; entityId: string | null; locationId: string | null;
  whatHappened: string; whatWorked: string; whatDidNot: string; findings: FindingValues[];
}
const FIELDS = ['kind', 'exerciseId', 'title', 'eventDate', 'entityId', 'locationId', 'whatHappened', 'whatWorked', 'whatDidNot', 'findings'];

/** The fields of one finding and the corrective action it becomes; `name` is its place in a Form.List, or none for a lone finding. */
export function FindingFields({ name, n }: { name?: number; n: number }) {
  const { t } = useTranslation();
  const at = (f: string) => (name === undefined ? f : [name, f]);
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}><Form.Item name={at('finding')} label={t('aar.findingN', { n })} rules={required}><Input.TextArea rows={2} maxLength={5000} /></Form.Item></Col>
      <Col xs={24} md={12}><Form.Item name={at('action')} label={t('aar.actionN', { n })} rules={required} extra={t('aar.actionHelp')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item></Col>
      <Col xs={24} md={8}><Form.Item name={at('ownerPersonId')} label={t('aar.ownerN', { n })} rules={required}><PersonSelect /></Form.Item></Col>
      <Col xs={24} md={6}><Form.Item name={at('dueDate')} label={t('aar.dueN', { n })} rules={required}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
      <Col xs={24} md={10}><Form.Item name={at('planId')} label={t('aar.planN', { n })} extra={t('aar.planHelp')}><RemoteSelect source="plan" placeholder={t('aar.noPlan')} /></Form.Item></Col>
    </Row>
  );
}

/** Records an after-action review of an exercise or a real event; each finding becomes a corrective action. */
export default function ReviewFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const [params] = useSearchParams();
  const exerciseId = params.get('exerciseId');
  const exercise = useQuery({ queryKey: ['exercises', 'one', exerciseId], queryFn: () => api.get<Exercise>(`/exercises/${exerciseId}`), enabled: !!exerciseId });
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  if (exerciseId && !exercise.data && !exercise.error) return <PageLoading />;
  const ex = exercise.data;
  const required = [{ required: true, message: t('validation.required') }];

  const save = async (v: Values) => {
    setBusy(true); setProblem(undefined);
    try {
      const body = { ...v, exerciseId: v.kind === 'exercise' ? v.exerciseId : null, findings: v.findings ?? [] };
      const r = await api.post<Review>('/after-action-reviews', body);
      navigate(`/exercises/reviews/${r.id}`);
    } catch (e) {
      setProblem(applyApiError(form, e, describe, FIELDS));
    } finally { setBusy(false); }
  };

  return (
    <>
      <PageHeader title={t('aar.record')} trail={[{ to: '/exercises', label: t('nav.exercises') }, { to: '/exercises/reviews', label: t('aar.title') }]} />
      <ExercisesNav />
      <Card>
        <Typography.Paragraph type="secondary">{t('aar.formHelp')}</Typography.Paragraph>
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form requiredMark={requiredMark} form={form} layout="vertical" data-testid="aar-form" onFinish={(v) => void save(v)}
          initialValues={{
            kind: ex ? 'exercise' : 'real_event', exerciseId: ex?.id ?? null, title: ex ? t('aar.defaultTitle', { title: ex.title }) : '',
            eventDate: ex ? ex.startsAt.slice(0, 10) : null, entityId: ex?.entityId ?? null, locationId: ex?.locationId ?? null,
            whatHappened: '', whatWorked: '', whatDidNot: '', findings: [],
          }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('aar.kind')} rules={required}>
                <Select options={REVIEW_KINDS.map((k) => ({ value: k, label: t(`aar.kinds.${k}`) }))} />
              </Form.Item>
            </Col>
            {kind === 'exercise' && (
              <Col xs={24} md={16}>
                <Form.Item name="exerciseId" label={t('aar.exercise')} rules={required}>
                  <Select disabled options={ex ? [{ value: ex.id, label: ex.title }] : []} placeholder={t('aar.exerciseFromPage')} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={16}><Form.Item name="title" label={t('aar.titleField')} rules={required}><Input maxLength={300} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="eventDate" label={t('aar.eventDate')} rules={required}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="entityId" label={t('aar.entity')}><EntitySelect /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="locationId" label={t('aar.dutyStation')}><LocationSelect kind="duty_station" /></Form.Item></Col>
            <Col span={24}><Form.Item name="whatHappened" label={t('aar.whatHappened')}><Input.TextArea rows={4} maxLength={50_000} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="whatWorked" label={t('aar.whatWorked')}><Input.TextArea rows={4} maxLength={50_000} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="whatDidNot" label={t('aar.whatDidNot')}><Input.TextArea rows={4} maxLength={50_000} /></Form.Item></Col>
          </Row>
          <Typography.Title level={2} style={{ fontSize: 18 }}>{t('aar.findings')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('aar.findingsHelp')}</Typography.Paragraph>
          <Form.List name="findings">
            {(items, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {items.map((f, i) => (
                  <Card key={f.key} size="small" data-testid={`finding-${i}`} title={t('aar.findingTitle', { n: i + 1 })}
                    extra={<Button size="small" danger icon={<DeleteOutlined />} aria-label={t('aar.removeFinding', { n: i + 1 })} onClick={() => remove(f.name)} />}>
                    <FindingFields name={f.name} n={i + 1} />
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ finding: '', action: '', ownerPersonId: null, dueDate: null, planId: ex?.planIds[0] ?? null })}>{t('aar.addFinding')}</Button>
              </Space>
            )}
          </Form.List>
          <div style={{ marginTop: 24 }}><Button type="primary" htmlType="submit" loading={busy}>{t('aar.save')}</Button></div>
        </Form>
      </Card>
    </>
  );
}
