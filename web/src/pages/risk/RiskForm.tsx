import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_COMPONENTS, RISK_STATUSES } from '../../../../src/domain/risk/components.js';
import { api } from '../../api/client';
import type { Risk } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';
import { EntitySelect, LocationSelect, PersonSelect } from '../../components/pickers';
import { DayPicker } from '../../components/DayPicker';
import { useMatrix, useMatrixOf } from './matrix';
import type { RiskMatrix } from '../../../../src/domain/risk/matrix.js';

interface Rating { likelihood?: number; impact?: number }
interface Values {
  title: string; cause: string; event: string; consequence: string; entityId: string | null; locationId: string | null;
  ownerPersonId: string | null; components: string[]; status: string; inherent: Rating; residual?: Rating; reviewDue: string | null;
}
const FIELDS = ['title', 'cause', 'event', 'consequence', 'entityId', 'locationId', 'ownerPersonId', 'components', 'status', 'inherent', 'residual', 'reviewDue'];

/** Likelihood and impact selects, labelled from the matrix in force; an optional rating needs both or neither. */
export function RatingFields({ name, required, matrix: given }: { name: 'inherent' | 'residual'; required: boolean; matrix?: RiskMatrix }) {
  const { t } = useTranslation();
  const current = useMatrix();
  const matrix = given ?? current;
  const rules = (other: 'likelihood' | 'impact') => (required ? [{ required: true, message: t('validation.required') }] : [
    ({ getFieldValue }: { getFieldValue(n: (string | number)[]): unknown }) => ({
      validator: (_: unknown, v: unknown) => (!v && getFieldValue([name, other]) ? Promise.reject(new Error(t('risk.bothNeeded'))) : Promise.resolve()),
    }),
  ]);
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'likelihood']} label={t(`risk.${name}Likelihood`)} rules={rules('impact')} dependencies={[[name, 'impact']]}>
          <Select allowClear={!required} options={matrix.likelihoods.map((p) => ({ value: p.value, label: `${p.value} — ${p.label}` }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'impact']} label={t(`risk.${name}Impact`)} rules={rules('likelihood')} dependencies={[[name, 'likelihood']]}>
          <Select allowClear={!required} options={matrix.impacts.map((p) => ({ value: p.value, label: `${p.value} — ${p.label}` }))} />
        </Form.Item>
      </Col>
    </>
  );
}

const rated = (r?: Rating) => (r?.likelihood && r.impact ? { likelihood: r.likelihood, impact: r.impact } : null);

export function RiskForm({ risk, open, onClose, onSaved }: { risk?: Risk; open: boolean; onClose(): void; onSaved(r: Risk): void }) {
  const { t } = useTranslation();
  const matrix = useMatrixOf(risk?.matrixId);
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} width={760} testId="risk-form" fields={FIELDS}
      title={risk ? t('risk.edit') : t('risk.create')}
      initialValues={risk
        ? { ...risk, residual: risk.residual ?? undefined }
        : { status: 'open', components: [], cause: '', event: '', consequence: '', entityId: null, locationId: null, ownerPersonId: null, reviewDue: null }}
      onSubmit={async (v) => {
        const body = { ...v, inherent: rated(v.inherent), residual: rated(v.residual) };
        if (risk?.jointAssessmentId) { delete (body as Partial<Values>).entityId; delete (body as Partial<Values>).locationId; }
        onSaved(risk ? await api.patch<Risk>(`/risks/${risk.id}`, body) : await api.post<Risk>('/risks', body));
      }}>
      <Row gutter={16}>
        <Col span={24}><Form.Item name="title" label={t('risk.title')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="cause" label={t('risk.cause')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="event" label={t('risk.event')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="consequence" label={t('risk.consequence')}><Input.TextArea rows={2} maxLength={5000} /></Form.Item></Col>
        {/* A joint-assessment scenario is shared at its assessment's duty station: no owning entity, no move. */}
        {!risk?.jointAssessmentId && <>
          <Col xs={24} md={12}><Form.Item name="entityId" label={t('risk.entity')}><EntitySelect /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="locationId" label={t('risk.dutyStation')}><LocationSelect kind="duty_station" /></Form.Item></Col>
        </>}
        <Col xs={24} md={16}>
          <Form.Item name="components" label={t('risk.components')} rules={required}>
            <Select mode="multiple" options={RISK_COMPONENTS.map((c) => ({ value: c, label: t(`riskComponents.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="status" label={t('risk.status')} rules={required}>
            <Select options={RISK_STATUSES.map((s) => ({ value: s, label: t(`riskStatuses.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}><Form.Item name="ownerPersonId" label={t('risk.owner')}><PersonSelect /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="reviewDue" label={t('risk.reviewDue')}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <RatingFields name="inherent" required matrix={matrix} />
        <RatingFields name="residual" required={false} matrix={matrix} />
      </Row>
    </FormModal>
  );
}
