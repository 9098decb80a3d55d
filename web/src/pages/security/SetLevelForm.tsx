import { Alert, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { SECURITY_LEVELS, THREAT_CATEGORIES } from '../../../../src/domain/risk/security-level.js';
import { api } from '../../api/client';
import type { SecurityLevelRecord, ThreatAssessment } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';
import { DayPicker } from '../../components/DayPicker';

interface Values { level: number; categories: Record<string, number | undefined>; justification: string; effectiveFrom: string }
const FIELDS = ['level', 'categories', 'justification', 'effectiveFrom'];

/**
 * Sets an area's security level, with the category levels and the justification. It starts from
 * the latest threat assessment's proposal; the adviser may decide otherwise and say why.
 */
export function SetLevelForm({ areaId, basis, open, onClose, onSaved }: { areaId: string; basis?: ThreatAssessment; open: boolean; onClose(): void; onSaved(l: SecurityLevelRecord): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  const levels = SECURITY_LEVELS.map((l) => ({ value: l.level, label: `${l.level} — ${t(`securityLevels.${l.level}`, { defaultValue: l.name })}` }));
  const categories = basis ? Object.fromEntries(Object.entries(basis.threats).map(([k, v]) => [k, v.level])) : {};
  return (
    <FormModal<Values> open={open} onClose={onClose} testId="level-form" fields={FIELDS} title={t('security.setLevel')} width={640}
      initialValues={{ effectiveFrom: dayjs().format('YYYY-MM-DD'), categories, level: basis?.proposedLevel ?? undefined }}
      onSubmit={async (v) => {
        const chosen = Object.fromEntries(Object.entries(v.categories ?? {}).filter(([, n]) => n));
        onSaved(await api.post<SecurityLevelRecord>(`/security/areas/${areaId}/levels`, { ...v, categories: chosen }));
      }}>
      {basis && <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="level-basis"
        title={t('srmEdit.levelBasis', { date: basis.assessedOn, level: basis.proposedLevel ?? '—' })} />}
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('srmEdit.levelNoAction')} />
      <Row gutter={16}>
        <Col xs={24} md={12}><Form.Item name="level" label={t('security.level')} rules={required}><Select options={levels} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="effectiveFrom" label={t('security.effectiveFrom')} rules={required}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        {THREAT_CATEGORIES.map((c) => (
          <Col xs={24} md={8} key={c}>
            <Form.Item name={['categories', c]} label={t(`threatCategories.${c}`)}><Select allowClear options={levels} /></Form.Item>
          </Col>
        ))}
        <Col span={24}><Form.Item name="justification" label={t('security.justification')} rules={required}><Input.TextArea rows={3} maxLength={10000} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
