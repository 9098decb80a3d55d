import { Col, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { COMPLIANCE_STATUSES } from '../../../../src/domain/risk/compliance.js';
import { api } from '../../api/client';
import type { Checklist, ChecklistItem } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';
import { DayPicker } from '../../components/DayPicker';

interface Values { status: string; evidence: string; dueDate: string | null }
const FIELDS = ['status', 'evidence', 'dueDate'];

/** Assesses one standard at a location: status, the evidence for it, and when a gap will be closed. */
export function AssessItemForm({ locationId, item, open, onClose, onSaved }: { locationId: string; item: ChecklistItem; open: boolean; onClose(): void; onSaved(c: Checklist): void }) {
  const { t } = useTranslation();
  return (
    <FormModal<Values> open={open} onClose={onClose} testId="assess-form" fields={FIELDS} width={640} title={t('moss.assessTitle', { code: item.code })}
      initialValues={{ status: item.status ?? undefined, evidence: item.evidence, dueDate: item.dueDate }}
      onSubmit={async (v) => onSaved(await api.put<Checklist>(`/security/compliance/locations/${locationId}/items/${item.itemId}`, { ...v, evidence: v.evidence ?? '' }))}>
      <Typography.Paragraph>{item.text}</Typography.Paragraph>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="status" label={t('moss.status')} rules={[{ required: true, message: t('validation.required') }]}>
            <Radio.Group>
              <Space wrap>{COMPLIANCE_STATUSES.map((s) => <Radio key={s} value={s}>{t(`moss.statuses.${s}`)}</Radio>)}</Space>
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col span={24}><Form.Item name="evidence" label={t('moss.evidence')} extra={t('moss.evidenceHelp')}><Input.TextArea rows={3} maxLength={10000} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="dueDate" label={t('moss.dueDate')} dependencies={['status']} extra={t('moss.dueDateHelp')}
            rules={[({ getFieldValue }) => ({ validator: (_, v) => (getFieldValue('status') === 'not_compliant' && !v ? Promise.reject(new Error(t('moss.dueDateNeeded'))) : Promise.resolve()) })]}>
            <DayPicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
