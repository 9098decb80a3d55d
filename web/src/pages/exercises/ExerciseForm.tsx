import { Button, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EXERCISE_KINDS, EXERCISE_STATUSES, PARTICIPANT_ROLES } from '../../../../src/domain/plans/catalog.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect, PersonSelect } from '../../components/pickers';
import { RemoteMultiSelect } from '../plans/pickers';
import { userTimeZone } from '../../i18n/format';
import type { Exercise } from './api';

interface Values {
  title: string; kind: string; status: string; when: [Dayjs, Dayjs]; entityId: string | null; locationId: string | null; scenario: string;
  objectives: { id?: string; text: string }[]; planIds: string[]; teamIds: string[];
  participants: { personId: string; role: string; attended: 'yes' | 'no' | 'unknown' }[];
}
const FIELDS = ['title', 'kind', 'status', 'when', 'startsAt', 'endsAt', 'entityId', 'locationId', 'scenario', 'objectives', 'planIds', 'teamIds', 'participants'];
const attendance = (a: boolean | null) => (a === null ? 'unknown' : a ? 'yes' : 'no');

/** Plans or changes an exercise: what, when, where, the objectives, and who takes part in which role. */
export function ExerciseForm({ exercise, defaults, onClose, onSaved }: { exercise?: Exercise; defaults?: { planIds?: string[]; locationId?: string | null }; onClose(): void; onSaved(e: Exercise): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  const initial: Partial<Values> = exercise ? {
    ...exercise, when: [dayjs(exercise.startsAt), dayjs(exercise.endsAt)],
    objectives: exercise.objectives.map((o) => ({ id: o.id, text: o.text })),
    participants: exercise.participants.map((p) => ({ personId: p.personId, role: p.role, attended: attendance(p.attended) })),
  } : { kind: 'tabletop', status: 'planned', scenario: '', objectives: [{ text: '' }], planIds: defaults?.planIds ?? [], teamIds: [], participants: [], entityId: null, locationId: defaults?.locationId ?? null };
  return (
    <FormModal<Values> open onClose={onClose} width={880} testId="exercise-form" fields={FIELDS} title={exercise ? t('exercises.edit') : t('exercises.create')} initialValues={initial}
      onSubmit={async (v) => {
        const body = {
          title: v.title, kind: v.kind, status: v.status, entityId: v.entityId ?? null, locationId: v.locationId ?? null, scenario: v.scenario ?? '',
          startsAt: v.when[0].toISOString(), endsAt: v.when[1].toISOString(), planIds: v.planIds ?? [], teamIds: v.teamIds ?? [],
          participants: (v.participants ?? []).filter((p) => p?.personId).map((p) => ({ personId: p.personId, role: p.role, attended: p.attended === 'unknown' ? null : p.attended === 'yes' })),
          objectives: exercise ? (v.objectives ?? []).map((o) => (o.id ? { id: o.id, text: o.text } : { text: o.text })) : (v.objectives ?? []).map((o) => o.text),
        };
        onSaved(exercise ? await api.patch<Exercise>(`/exercises/${exercise.id}`, body) : await api.post<Exercise>('/exercises', body));
      }}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="title" label={t('exercises.titleField')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="kind" label={t('exercises.kind')} rules={required}>
            <Select options={EXERCISE_KINDS.map((k) => ({ value: k, label: t(`exerciseKinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="status" label={t('exercises.status')} rules={required}>
            <Select options={EXERCISE_STATUSES.map((s) => ({ value: s, label: t(`exerciseStatuses.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="when" label={t('exercises.when')} rules={required} extra={t('exercises.whenHelp', { zone: userTimeZone() })}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }}
              aria-label={t('exercises.when')} placeholder={[t('exercises.starts'), t('exercises.ends')]} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="entityId" label={t('exercises.entity')}><EntitySelect /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="locationId" label={t('exercises.dutyStation')} extra={t('exercises.placeHelp')}><LocationSelect kind="duty_station" /></Form.Item></Col>
        <Col span={24}><Form.Item name="scenario" label={t('exercises.scenario')} extra={t('exercises.scenarioHelp')}><Input.TextArea rows={3} maxLength={20_000} /></Form.Item></Col>
        <Col span={24}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>{t('exercises.objectives')}</Typography.Title>
          <Form.List name="objectives">
            {(items, { add, remove }, { errors }) => (
              <>
                {items.map((f, i) => (
                  <Space key={f.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'text']} label={t('exercises.objectiveN', { n: i + 1 })} rules={required} style={{ flex: 1, minWidth: 520 }}><Input maxLength={2000} /></Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('exercises.removeObjective', { n: i + 1 })} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                <Button icon={<PlusOutlined />} onClick={() => add({ text: '' })} style={{ marginBottom: 16 }}>{t('exercises.addObjective')}</Button>
              </>
            )}
          </Form.List>
        </Col>
        <Col xs={24} md={12}><Form.Item name="planIds" label={t('exercises.plans')} extra={t('exercises.plansHelp')}><RemoteMultiSelect source="plan" placeholder={t('exercises.searchPlans')} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="teamIds" label={t('exercises.teams')}><RemoteMultiSelect source="team" placeholder={t('exercises.searchTeams')} /></Form.Item></Col>
        <Col span={24}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>{t('exercises.people')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('exercises.peopleHelp')}</Typography.Paragraph>
          <Form.List name="participants">
            {(items, { add, remove }) => (
              <>
                {items.map((f, i) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'personId']} label={t('exercises.personN', { n: i + 1 })} rules={required}><PersonSelect style={{ width: 300 }} /></Form.Item>
                    <Form.Item name={[f.name, 'role']} label={t('exercises.roleN', { n: i + 1 })} rules={required}>
                      <Select style={{ width: 160 }} options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`exerciseRoles.${r}`) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'attended']} label={t('exercises.attendedN', { n: i + 1 })}>
                      <Select style={{ width: 150 }} options={(['unknown', 'yes', 'no'] as const).map((a) => ({ value: a, label: t(`exercises.attendance.${a}`) }))} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('exercises.removePerson', { n: i + 1 })} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ role: 'participant', attended: 'unknown' })}>{t('exercises.addPerson')}</Button>
              </>
            )}
          </Form.List>
        </Col>
      </Row>
    </FormModal>
  );
}
