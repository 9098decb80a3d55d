import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_COMPONENTS } from '../../../../src/domain/risk/components.js';
import type { RiskMatrix } from '../../../../src/domain/risk/matrix.js';
import { api } from '../../api/client';
import type { Risk } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';
import { PersonSelect } from '../../components/pickers';
import { DayPicker } from '../../components/DayPicker';
import { RatingFields } from './RiskForm';

interface Values { title: string; cause: string; event: string; consequence: string; components: string[]; ownerPersonId: string | null; reviewDue: string | null; inherent: { likelihood: number; impact: number } }
const FIELDS = ['title', 'cause', 'event', 'consequence', 'components', 'ownerPersonId', 'reviewDue', 'inherent'];

/** Adds a scenario every participating entity will rate; the facilitator gives a first inherent rating. */
export function ScenarioForm({ assessmentId, matrix, open, onClose, onSaved }: { assessmentId: string; matrix: RiskMatrix; open: boolean; onClose(): void; onSaved(r: Risk): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} width={760} testId="scenario-form" fields={FIELDS} title={t('riskJoint.addScenario')}
      initialValues={{ components: [], cause: '', event: '', consequence: '', ownerPersonId: null, reviewDue: null }}
      onSubmit={async (v) => onSaved(await api.post<Risk>('/risks', { ...v, jointAssessmentId: assessmentId, residual: null }))}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="title" label={t('risk.title')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="cause" label={t('risk.cause')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="event" label={t('risk.event')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="consequence" label={t('risk.consequence')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item></Col>
        <Col span={24}>
          <Form.Item name="components" label={t('risk.components')} rules={required}>
            <Select mode="multiple" options={RISK_COMPONENTS.map((c) => ({ value: c, label: t(`riskComponents.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="ownerPersonId" label={t('risk.owner')}><PersonSelect /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="reviewDue" label={t('risk.reviewDue')}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <RatingFields name="inherent" required matrix={matrix} />
      </Row>
    </FormModal>
  );
}
