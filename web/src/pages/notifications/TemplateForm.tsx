import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHANNELS, SEVERITIES } from '../../../../src/domain/notify/channels.js';
import type { LocalizedText } from '../../../../src/domain/notify/template.js';
import { api } from '../../api/client';
import { FormModal } from '../../components/forms';
import { cleanContent, ContentEditor, usedPlaceholders } from './ContentEditor';
import { OptionsField } from './OptionsField';
import type { Template } from './types';

interface Values {
  name: string; severity: string; channels: string[]; content: Record<string, Partial<LocalizedText>>;
  variables?: Record<string, string | undefined>; asks: boolean; responseOptions?: string[];
}
const FIELDS = ['name', 'severity', 'channels', 'content', 'variables', 'responseOptions'];

/** The texts, with translated answers when the template asks for an answer. */
function TemplateText() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const asks = Form.useWatch('asks', form) as boolean | undefined;
  const opts = (Form.useWatch('responseOptions', { form, preserve: true }) as string[] | undefined) ?? [];
  return <ContentEditor options={asks ? opts.filter((o) => o?.trim()) : null} variablesLabel={t('notifyTemplates.variables')} />;
}

/** A template: its texts per language with {{variables}} (declared with the value a message starts from), its answers and channels. */
export function TemplateForm({ template, onClose, onSaved }: { template?: Template; onClose(): void; onSaved(t: Template): void }) {
  const { t } = useTranslation();
  return (
    <FormModal<Values> open title={template ? t('notifyTemplates.edit') : t('notifyTemplates.create')} width={900} testId="template-form" fields={FIELDS} onClose={onClose}
      initialValues={template
        ? { ...template, asks: !!template.responseOptions, responseOptions: template.responseOptions ?? undefined }
        : { severity: 'warning', channels: ['email', 'inapp'], content: { en: { subject: '', body: '' } }, variables: {}, asks: true, responseOptions: [t('notifyCompose.defaultSafe'), t('notifyCompose.defaultHelp')] }}
      onSubmit={async (v) => {
        const options = v.asks ? (v.responseOptions ?? []).map((o) => o.trim()) : null;
        const body = {
          name: v.name, severity: v.severity, channels: v.channels, content: cleanContent(v.content, options), responseOptions: options,
          variables: Object.fromEntries(usedPlaceholders(v.content).map((n) => [n, v.variables?.[n] ?? ''])),
        };
        onSaved(template ? await api.patch<Template>(`/notify/templates/${template.id}`, body) : await api.post<Template>('/notify/templates', body));
      }}>
      <Row gutter={16}>
        <Col xs={24} md={12}><Form.Item name="name" label={t('notifyTemplates.name')} rules={[{ required: true, message: t('validation.required') }]}><Input maxLength={200} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="severity" label={t('notifyCompose.severity')}><Select options={SEVERITIES.map((s) => ({ value: s, label: t(`notifySeverities.${s}`) }))} /></Form.Item></Col>
      </Row>
      <Form.Item name="channels" label={t('notifyCompose.channels')} rules={[{ validator: async (_, v?: string[]) => { if (!v?.length) throw new Error(t('notifyCompose.oneChannel')); } }]}>
        <Checkbox.Group options={CHANNELS.map((c) => ({ value: c, label: t(`notifyChannels.${c}`) }))} />
      </Form.Item>
      <OptionsField />
      <TemplateText />
    </FormModal>
  );
}
