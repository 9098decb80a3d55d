import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DR_RESULTS } from '../../../../src/modules/continuity/model.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { DayPicker } from '../../components/DayPicker';

interface Values { testedOn: string; achievedRtoHours: number | null; achievedRpoHours: number | null; result: string; notes: string }
const FIELDS = ['testedOn', 'achievedRtoHours', 'achievedRpoHours', 'result', 'notes'];

/** Record a DR test: the latest one sets the application's achievable RTO/RPO. */
export function DrTestForm({ applicationId, onClose, onSaved }: { applicationId: string; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open onClose={onClose} width={620} testId="dr-test-form" fields={FIELDS} title={t('itdrTests.create')}
      initialValues={{ result: 'pass', notes: '', achievedRtoHours: null, achievedRpoHours: null }}
      onSubmit={async (v) => { await api.post(`/continuity/applications/${applicationId}/dr-tests`, { ...v, notes: v.notes ?? '' }); onSaved(); }}>
      <Row gutter={16}>
        <Col xs={24} md={12}><Form.Item name="testedOn" label={t('itdrTests.testedOn')} rules={required}><DayPicker style={{ width: '100%' }} /></Form.Item></Col>
        <Col xs={24} md={12}>
          <Form.Item name="result" label={t('itdrTests.result')} rules={required}>
            <Select options={DR_RESULTS.map((r) => ({ value: r, label: t(`bc.drResult.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12}><Form.Item name="achievedRtoHours" label={t('itdrTests.achievedRto')} extra={t('itdrTests.achievedHelp')}><InputNumber min={0} style={{ width: '100%' }} suffix={t('bc.units.hShort')} /></Form.Item></Col>
        <Col xs={12}><Form.Item name="achievedRpoHours" label={t('itdrTests.achievedRpo')}><InputNumber min={0} style={{ width: '100%' }} suffix={t('bc.units.hShort')} /></Form.Item></Col>
        <Col span={24}><Form.Item name="notes" label={t('itdrTests.notes')}><Input.TextArea rows={3} maxLength={10000} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
