import { Alert, Button, Col, Form, Input, Radio, Row, Space } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ComplianceTemplate } from '../../api/riskTypes';
import { FormModal } from '../../components/forms';
import '../risk/risk.css';

interface Values { kind: string; name: string; items: { code: string; text: string }[] }
const FIELDS = ['kind', 'name', 'items'];

/** Creates or edits a checklist template; items are matched by code, so renaming text keeps every location's assessment. */
export function TemplateForm({ template, open, onClose, onSaved }: { template?: ComplianceTemplate; open: boolean; onClose(): void; onSaved(t: ComplianceTemplate): void }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<Values> open={open} onClose={onClose} width={900} testId="template-form" fields={FIELDS}
      title={template ? t('moss.editTemplate') : t('moss.newTemplate')}
      initialValues={template ? { kind: template.kind, name: template.name, items: template.items.map(({ code, text }) => ({ code, text })) } : { kind: 'moss', items: [{ code: '', text: '' }] }}
      onSubmit={async (v) => onSaved(template ? await api.put<ComplianceTemplate>(`/security/compliance/templates/${template.id}`, v) : await api.post<ComplianceTemplate>('/security/compliance/templates', v))}>
      {template && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('moss.editHelp')} />}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('moss.kind')} rules={required}>
            <Radio.Group options={[{ value: 'moss', label: 'MOSS' }, { value: 'morss', label: 'MORSS' }]} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}><Form.Item name="name" label={t('moss.templateName')} rules={required}><Input maxLength={200} /></Form.Item></Col>
      </Row>
      <Form.List name="items">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((f, i) => (
              <Row gutter={8} key={f.key} align="top" data-testid="template-item">
                <Col xs={6} md={4}>
                  <Form.Item name={[f.name, 'code']} label={t('moss.code')} rules={required}><Input maxLength={30} aria-label={`${t('moss.code')} ${i + 1}`} /></Form.Item>
                </Col>
                <Col xs={18} md={16}>
                  <Form.Item name={[f.name, 'text']} label={t('moss.standard')} rules={required}><Input.TextArea rows={1} autoSize maxLength={2000} aria-label={`${t('moss.standard')} ${i + 1}`} /></Form.Item>
                </Col>
                <Col xs={24} md={4}>
                  <Form.Item label={<span className="orms-sr-only">{t('common.actions')}</span>}>
                    <Space size={4}>
                      <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('moss.moveUp', { n: i + 1 })} />
                      <Button size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={t('moss.moveDown', { n: i + 1 })} />
                      <Button size="small" danger icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)} aria-label={t('moss.removeItem', { n: i + 1 })} />
                    </Space>
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ code: '', text: '' })}>{t('moss.addItem')}</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
