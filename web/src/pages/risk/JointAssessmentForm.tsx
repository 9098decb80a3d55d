import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { JOINT_ASSESSMENT_STATUSES } from '../../../../src/domain/risk/components.js';
import { api } from '../../api/client';
import type { JointAssessment } from '../../api/riskTypes';
import { useEntities } from '../../api/lookups';
import { FormModal } from '../../components/forms';
import { LocationSelect } from '../../components/pickers';
import { DayPicker } from '../../components/DayPicker';

type Values = Pick<JointAssessment, 'title' | 'locationId' | 'assessedOn' | 'status' | 'entityIds'>;
const FIELDS = ['title', 'locationId', 'assessedOn', 'status', 'entityIds'];

/** Plans a joint risk assessment: a dated exercise at a duty station in which several entities rate the same scenarios. */
export function JointAssessmentForm({ assessment, locationId, open, onClose, onSaved }: {
  assessment?: JointAssessment; locationId?: string; open: boolean; onClose(): void; onSaved(j: JointAssessment): void;
}) {
  const { t } = useTranslation();
  const entities = useEntities().data ?? [];
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} width={680} testId="joint-form" fields={FIELDS}
      title={assessment ? t('riskJoint.edit') : t('riskJoint.create')}
      initialValues={assessment ?? { status: 'planned', assessedOn: dayjs().format('YYYY-MM-DD'), entityIds: [], locationId }}
      onSubmit={async (v) => {
        const body = assessment ? { title: v.title, assessedOn: v.assessedOn, status: v.status, entityIds: v.entityIds } : v;
        onSaved(assessment ? await api.patch<JointAssessment>(`/joint-assessments/${assessment.id}`, body) : await api.post<JointAssessment>('/joint-assessments', body));
      }}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="title" label={t('risk.title')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="locationId" label={t('risk.dutyStation')} rules={required}><LocationSelect kind="duty_station" disabled={!!assessment} /></Form.Item>
        </Col>
        <Col xs={12} md={6}><Form.Item name="assessedOn" label={t('riskJoint.assessedOn')} rules={required}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={12} md={6}>
          <Form.Item name="status" label={t('riskJoint.status')} rules={required}>
            <Select options={JOINT_ASSESSMENT_STATUSES.map((s) => ({ value: s, label: t(`riskJoint.statuses.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="entityIds" label={t('riskJoint.entities')} extra={t('riskJoint.entitiesHelp')} rules={required}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={entities.map((e) => ({ value: e.id, label: `${e.code} — ${e.name}` }))} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
