import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TREATMENT_STATUSES } from '../../../../src/domain/risk/components.js';
import { api } from '../../api/client';
import type { Treatment } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';
import { PersonSelect } from '../../components/pickers';
import { DayPicker } from '../../components/DayPicker';

type Values = Pick<Treatment, 'action' | 'ownerPersonId' | 'startDate' | 'dueDate' | 'status' | 'cost' | 'currency' | 'completedOn'>;
const FIELDS = ['action', 'ownerPersonId', 'startDate', 'dueDate', 'status', 'cost', 'currency', 'completedOn'];

/** Adds a treatment (an action with an owner, dates, status and cost) to a risk, or changes one. */
export function TreatmentForm({ riskId, treatment, open, onClose, onSaved }: { riskId: string; treatment?: Treatment; open: boolean; onClose(): void; onSaved(t: Treatment): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} testId="treatment-form" fields={FIELDS} width={640}
      title={treatment ? t('riskUi.editTreatment') : t('treatments.add')}
      initialValues={treatment ?? { status: 'planned', startDate: null, dueDate: null, cost: null, currency: null, completedOn: null }}
      onSubmit={async (v) => {
        const body = { ...v, cost: v.cost ?? null, currency: v.currency || null, completedOn: v.completedOn ?? null };
        onSaved(treatment ? await api.patch<Treatment>(`/treatments/${treatment.id}`, body) : await api.post<Treatment>(`/risks/${riskId}/treatments`, body));
      }}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="action" label={t('treatments.action')} rules={required}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="ownerPersonId" label={t('treatments.owner')} rules={required}><PersonSelect /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="status" label={t('treatments.status')} rules={required}>
            <Select options={TREATMENT_STATUSES.map((s) => ({ value: s, label: t(`treatmentStatuses.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}><Form.Item name="startDate" label={t('treatments.startDate')}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="dueDate" label={t('treatments.dueDate')}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={24} md={8}>
          <Form.Item name="completedOn" label={t('treatments.completedOn')} dependencies={['status']} extra={t('riskUi.completedHelp')}><DayPicker style={{ width: '100%' }} /></Form.Item>
        </Col>
        <Col xs={16} md={12}><Form.Item name="cost" label={t('riskUi.cost')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={8} md={6}>
          <Form.Item name="currency" label={t('riskUi.currency')} normalize={(v: string) => v?.toUpperCase()} extra={t('riskUi.currencyHelp')}><Input maxLength={3} /></Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
