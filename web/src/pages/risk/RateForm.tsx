import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskMatrix } from '../../../../src/domain/risk/matrix.js';
import { api } from '../../api/client';
import type { JointRating, Risk } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';

interface Values { kind: 'inherent' | 'residual'; likelihood: number; impact: number; note: string }
const FIELDS = ['kind', 'likelihood', 'impact', 'note'];

/** One participating entity's rating of a scenario (inherent or residual); every rating is kept in the history. */
export function RateForm({ risk, entity, matrix, previous, open, onClose, onSaved }: {
  risk: Risk; entity: { id: string; code: string }; matrix: RiskMatrix; previous: JointRating[]; open: boolean; onClose(): void; onSaved(r: Risk): void;
}) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  const last = (kind: string) => previous.find((p) => p.kind === kind);
  const kind: 'inherent' | 'residual' = last('inherent') ? 'residual' : 'inherent';
  return (
    <FormModal<Values> open={open} onClose={onClose} testId="rate-form" fields={FIELDS} width={620}
      title={t('riskJoint.rateTitle', { entity: entity.code, scenario: risk.title })}
      initialValues={{ kind, likelihood: last(kind)?.likelihood, impact: last(kind)?.impact, note: '' }}
      onSubmit={async (v) => onSaved(await api.post<Risk>(`/risks/${risk.id}/ratings`, { ...v, note: v.note || null, entityId: entity.id }))}>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="kind" label={t('risk.kind')} rules={required}>
            <Radio.Group options={[{ value: 'inherent', label: t('risk.inherent') }, { value: 'residual', label: t('risk.residual') }]} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="likelihood" label={t('heatmap.likelihood')} rules={required}>
            <Select options={matrix.likelihoods.map((p) => ({ value: p.value, label: `${p.value} — ${p.label}` }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="impact" label={t('heatmap.impact')} rules={required}>
            <Select options={matrix.impacts.map((p) => ({ value: p.value, label: `${p.value} — ${p.label}` }))} />
          </Form.Item>
        </Col>
        <Col span={24}><Form.Item name="note" label={t('risk.note')} extra={t('riskJoint.noteHelp')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
