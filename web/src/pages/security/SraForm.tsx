import { Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { levelOf, type RiskMatrix } from '../../../../src/domain/risk/matrix.js';
import { THREAT_CATEGORIES } from '../../../../src/domain/risk/security-level.js';
import { api } from '../../api/client';
import type { Sra } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';
import { DayPicker } from '../../components/DayPicker';
import { BandTag, useMatrixOf } from '../risk/matrix';

interface Rating { likelihood?: number; impact?: number }
interface ScenarioValues { threatCategory: string; description: string; inherent: Rating; existingMeasures: string; recommendedMeasures: string; residual: Rating }
interface Values { title: string; assessedOn: string; validUntil: string | null; status: string; scenarios: ScenarioValues[] }
const FIELDS = ['title', 'assessedOn', 'validUntil', 'status', 'scenarios'];
const SRA_STATUSES = ['draft', 'approved', 'superseded'];

const bandOf = (m: RiskMatrix, r: Rating | undefined) => {
  if (!r?.likelihood || !r.impact) return undefined;
  try { return levelOf(m, { likelihood: r.likelihood, impact: r.impact }).band; } catch { return undefined; }
};

/** Likelihood and impact of one scenario, labelled from the SRA's matrix, with the resulting band. */
function RatingPair({ path, label, matrix, index }: { path: (string | number)[]; label: 'inherent' | 'residual'; matrix: RiskMatrix; index: number }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <>
      <Col xs={12} md={8}>
        <Form.Item name={[...path, 'likelihood']} label={t(`risk.${label}Likelihood`)} rules={required}>
          <Select aria-label={`${t(`risk.${label}Likelihood`)} ${index + 1}`} options={matrix.likelihoods.map((p) => ({ value: p.value, label: `${p.value} — ${p.label}` }))} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name={[...path, 'impact']} label={t(`risk.${label}Impact`)} rules={required}>
          <Select aria-label={`${t(`risk.${label}Impact`)} ${index + 1}`} options={matrix.impacts.map((p) => ({ value: p.value, label: `${p.value} — ${p.label}` }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={t(`risk.${label}`)} shouldUpdate>
          {({ getFieldValue }) => <span data-testid={`scenario-${index}-${label}`}><BandTag band={bandOf(matrix, getFieldValue(['scenarios', ...path]) as Rating)} /></span>}
        </Form.Item>
      </Col>
    </>
  );
}

/** Writes or revises an SRA: its dates and status, and its scenarios with existing and recommended measures and the residual risk. */
export function SraForm({ areaId, sra, open, onClose, onSaved }: { areaId: string; sra?: Sra; open: boolean; onClose(): void; onSaved(s: Sra): void }) {
  const { t } = useTranslation();
  const matrix = useMatrixOf(sra?.matrixId);
  const required = [{ required: true, message: t('validation.required') }];
  const blank: ScenarioValues = { threatCategory: 'crime', description: '', inherent: {}, existingMeasures: '', recommendedMeasures: '', residual: {} };
  return (
    <FormModal<Values> open={open} onClose={onClose} width={1000} testId="sra-form" fields={FIELDS}
      title={sra ? t('srmEdit.editSra') : t('srmEdit.newSra')}
      initialValues={sra
        ? { title: sra.title, assessedOn: sra.assessedOn, validUntil: sra.validUntil, status: sra.status, scenarios: sra.scenarios.map((s) => ({ ...s, inherent: { likelihood: s.inherent.likelihood, impact: s.inherent.impact }, residual: { likelihood: s.residual.likelihood, impact: s.residual.impact } })) }
        : { title: '', assessedOn: dayjs().format('YYYY-MM-DD'), validUntil: dayjs().add(1, 'year').format('YYYY-MM-DD'), status: 'draft', scenarios: [blank] }}
      onSubmit={async (v) => {
        const scenarios = (v.scenarios ?? []).map(({ threatCategory, description, inherent, existingMeasures, recommendedMeasures, residual }) =>
          ({ threatCategory, description, inherent, existingMeasures: existingMeasures ?? '', recommendedMeasures: recommendedMeasures ?? '', residual }));
        const body = { title: v.title, assessedOn: v.assessedOn, validUntil: v.validUntil, status: v.status, scenarios };
        onSaved(sra ? await api.patch<Sra>(`/security/sras/${sra.id}`, body) : await api.post<Sra>('/security/sras', { ...body, areaId }));
      }}>
      <Row gutter={16}>
        <Col xs={24} md={12}><Form.Item name="title" label={t('srmEdit.sraTitle')} rules={required}><Input maxLength={300} /></Form.Item></Col>
        <Col xs={8} md={4}><Form.Item name="assessedOn" label={t('security.assessedOn')} rules={required}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={8} md={4}><Form.Item name="validUntil" label={t('security.validUntil')}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={8} md={4}>
          <Form.Item name="status" label={t('security.sraStatus')} rules={required}>
            <Select options={SRA_STATUSES.map((s) => ({ value: s, label: t(`sraStatuses.${s}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="scenarios">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" data-testid="sra-scenario" title={t('srmEdit.scenarioN', { n: i + 1 })}
                extra={<Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('srmEdit.removeScenario', { n: i + 1 })} />}>
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item name={[f.name, 'threatCategory']} label={t('security.threatCategory')} rules={required}>
                      <Select aria-label={`${t('security.threatCategory')} ${i + 1}`} options={THREAT_CATEGORIES.map((c) => ({ value: c, label: t(`threatCategories.${c}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item name={[f.name, 'description']} label={t('security.scenario')} rules={required}>
                      <Input.TextArea aria-label={`${t('security.scenario')} ${i + 1}`} rows={2} maxLength={5000} />
                    </Form.Item>
                  </Col>
                  <RatingPair path={[f.name, 'inherent']} label="inherent" matrix={matrix} index={i} />
                  <Col xs={24} md={12}>
                    <Form.Item name={[f.name, 'existingMeasures']} label={t('security.existingMeasures')}>
                      <Input.TextArea aria-label={`${t('security.existingMeasures')} ${i + 1}`} rows={2} maxLength={10000} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[f.name, 'recommendedMeasures']} label={t('srmEdit.recommendedMeasures')}>
                      <Input.TextArea aria-label={`${t('srmEdit.recommendedMeasures')} ${i + 1}`} rows={2} maxLength={10000} />
                    </Form.Item>
                  </Col>
                  <RatingPair path={[f.name, 'residual']} label="residual" matrix={matrix} index={i} />
                </Row>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add(blank)}>{t('srmEdit.addScenario')}</Button>
          </Space>
        )}
      </Form.List>
    </FormModal>
  );
}
