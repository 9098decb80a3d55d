import { Col, Form, InputNumber, Radio, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REMOTE_WORK } from '../../../../src/modules/continuity/model.js';
import { useHours } from './labels';

/** Head count, the minimum to keep running, the minimum at each time point, and remote-work capability. */
export function StaffingFields({ timePointsHours, disabled }: { timePointsHours: number[]; disabled: boolean }) {
  const { t } = useTranslation();
  const hours = useHours();
  const whole = { min: 0, precision: 0, style: { width: '100%' }, disabled };
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}><Form.Item name="staffCount" label={t('bcQuestionnaire.staffCount')} extra={t('bcQuestionnaire.staffCountHelp')}><InputNumber {...whole} /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="minimumStaff" label={t('bcQuestionnaire.minimumStaff')} extra={t('bcQuestionnaire.minimumStaffHelp')}><InputNumber {...whole} /></Form.Item></Col>
        <Col xs={24} md={8}>
          <Form.Item name="remoteWork" label={t('bcQuestionnaire.remoteWork')}>
            <Radio.Group disabled={disabled} options={REMOTE_WORK.map((r) => ({ value: r, label: t(`bc.remoteWork.${r}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 4 }}>{t('bcQuestionnaire.minimumOverTime')}</legend>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('bcQuestionnaire.minimumOverTimeHelp')}</Typography.Paragraph>
        <Row gutter={12}>
          {timePointsHours.map((h, i) => (
            <Col key={h} xs={12} md={Math.max(3, Math.floor(24 / timePointsHours.length))}>
              <Form.Item name={['minimumStaffOverTime', i]} label={t('bcQuestionnaire.after', { time: hours(h) })}><InputNumber {...whole} /></Form.Item>
            </Col>
          ))}
        </Row>
      </fieldset>
    </>
  );
}
