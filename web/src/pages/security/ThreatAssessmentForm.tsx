import { Col, Collapse, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { SECURITY_LEVELS, THREAT_CATEGORIES } from '../../../../src/domain/risk/security-level.js';
import { api } from '../../api/client';
import type { ThreatAssessment } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';
import { DayPicker } from '../../components/DayPicker';

interface Threat { level?: number; intent?: string; capability?: string; context?: string }
interface Values { assessedOn: string; summary: string; threats: Record<string, Threat | undefined> }
const FIELDS = ['assessedOn', 'summary', 'threats'];

/**
 * Records a threat assessment: per threat category a level and, for human threats, the intent,
 * capability and inhibiting context behind it; the server proposes the area's level from them.
 */
export function ThreatAssessmentForm({ areaId, open, onClose, onSaved }: { areaId: string; open: boolean; onClose(): void; onSaved(a: ThreatAssessment): void }) {
  const { t } = useTranslation();
  const levels = SECURITY_LEVELS.map((l) => ({ value: l.level, label: `${l.level} — ${t(`securityLevels.${l.level}`, { defaultValue: l.name })}` }));
  return (
    <FormModal<Values> open={open} onClose={onClose} testId="threat-form" fields={FIELDS} title={t('security.addThreatAssessment')} width={760}
      initialValues={{ assessedOn: dayjs().format('YYYY-MM-DD'), summary: '', threats: {} }}
      onSubmit={async (v) => {
        const threats = Object.fromEntries(Object.entries(v.threats ?? {}).filter(([, x]) => x?.level)
          .map(([k, x]) => [k, { level: x!.level, intent: x!.intent ?? '', capability: x!.capability ?? '', context: x!.context ?? '' }]));
        onSaved(await api.post<ThreatAssessment>(`/security/areas/${areaId}/threat-assessments`, { ...v, threats }));
      }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="assessedOn" label={t('security.assessedOn')} rules={[{ required: true, message: t('validation.required') }]}><DayPicker style={{ width: '100%' }} /></Form.Item>
        </Col>
        <Col span={24} />
        {THREAT_CATEGORIES.map((c) => (
          <Col xs={24} md={8} key={c}>
            <Form.Item name={['threats', c, 'level']} label={t(`threatCategories.${c}`)}><Select allowClear options={levels} /></Form.Item>
          </Col>
        ))}
        <Col span={24}>
          <Collapse size="small" style={{ marginBottom: 16 }} items={THREAT_CATEGORIES.map((c) => ({
            key: c, label: t('srmEdit.threatDetails', { category: t(`threatCategories.${c}`) }),
            children: (
              <Row gutter={8}>
                {(['intent', 'capability', 'context'] as const).map((f) => (
                  <Col xs={24} md={8} key={f}>
                    <Form.Item name={['threats', c, f]} label={t(`srmEdit.${f}`)}><Input.TextArea rows={2} maxLength={5000} /></Form.Item>
                  </Col>
                ))}
              </Row>
            ),
          }))} />
        </Col>
        <Col span={24}><Form.Item name="summary" label={t('security.summary')}><Input.TextArea rows={3} maxLength={20000} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
