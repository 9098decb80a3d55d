import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TREATMENT_STATUSES } from '../../../../src/domain/risk/components.js';
import { api } from '../../api/client';
import type { Treatment } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';
import { PersonSelect } from '../../components/pickers';
import { DayPicker } from '../../components/DayPicker';

type Values = Pick<Treatment, 'action' | 'ownerPersonId' | 'startDate' | 'dueDate' | 'status'>;
const FIELDS = ['action', 'ownerPersonId', 'startDate', 'dueDate', 'status'];

/** Adds a treatment (an action with an owner and dates) to a risk. */
export function TreatmentForm({ riskId, open, onClose, onSaved }: { riskId: string; open: boolean; onClose(): void; onSaved(t: Treatment): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} testId="treatment-form" fields={FIELDS} title={t('treatments.add')}
      initialValues={{ status: 'planned', startDate: null, dueDate: null }}
      onSubmit={async (v) => onSaved(await api.post<Treatment>(`/risks/${riskId}/treatments`, v))}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="action" label={t('treatments.action')} rules={required}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="ownerPersonId" label={t('treatments.owner')} rules={required}><PersonSelect /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="status" label={t('treatments.status')} rules={required}>
            <Select options={TREATMENT_STATUSES.map((s) => ({ value: s, label: t(`treatmentStatuses.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="startDate" label={t('treatments.startDate')}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="dueDate" label={t('treatments.dueDate')}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
