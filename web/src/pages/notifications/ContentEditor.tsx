import { useMemo, useState } from 'react';
import { Button, Col, Form, Input, Row, Select, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { placeholders } from '../../../../src/domain/notify/template.js';
import type { LocalizedText } from '../../../../src/domain/notify/template.js';
import { LANGUAGES, UN_LANGUAGES, type UnLanguage } from '../../i18n/languages';

type Content = Record<string, Partial<LocalizedText>>;

/** The placeholders used anywhere in the text, in order of first use. */
export function usedPlaceholders(content: Content | undefined): string[] {
  const names: string[] = [];
  for (const t of Object.values(content ?? {})) for (const part of [t.subject ?? '', t.body ?? '']) for (const p of placeholders(part)) if (!names.includes(p)) names.push(p);
  return names;
}

/** Drops empty translations of the answers; a partly translated set keeps the answer as written where blank. */
export function cleanContent(content: Content, options: string[] | null): Record<string, LocalizedText> {
  return Object.fromEntries(Object.entries(content).map(([lang, t]) => {
    const given = (t.options ?? []).map((o) => o?.trim() ?? '');
    const keep = options && given.some((o) => o);
    return [lang, { subject: t.subject ?? '', body: t.body ?? '', ...(keep ? { options: options.map((o, i) => given[i] || o) } : {}) }];
  }));
}

/**
 * The text of a message or template in several languages, one tab each: subject, body and, when
 * answers are asked for, the answers in that language. Recipients get their profile's language,
 * else English, else the first language.
 */
export function ContentEditor({ options, variablesLabel }: { options: string[] | null; variablesLabel: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const content = Form.useWatch('content', { form, preserve: true }) as Content | undefined;
  const languages = Object.keys(content ?? {});
  const used = useMemo(() => usedPlaceholders(content), [content]);
  const required = [{ required: true, message: t('validation.required') }];
  const [active, setActive] = useState<string>();
  const add = (lang: UnLanguage) => { form.setFieldValue(['content', lang], { subject: '', body: '' }); setActive(lang); };
  const remove = (lang: string) => {
    const next = { ...(form.getFieldValue('content') as Content) };
    delete next[lang];
    form.setFieldValue('content', next);
  };
  const missing = UN_LANGUAGES.filter((l) => !languages.includes(l));
  return (
    <>
      {missing.length > 0 && (
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Select size="small" value={null} placeholder={t('notifyCompose.addLanguage')} aria-label={t('notifyCompose.addLanguage')} style={{ width: 180 }}
            onChange={(v: UnLanguage) => add(v)} options={missing.map((l) => ({ value: l, label: <span lang={l}>{LANGUAGES[l].nativeName}</span> }))} data-testid="add-language" />
        </div>
      )}
      <Tabs
        activeKey={active && languages.includes(active) ? active : languages[0]}
        onChange={setActive}
        data-testid="content-tabs"
        items={languages.map((lang, i) => ({
          key: lang,
          label: <span lang={lang}>{LANGUAGES[lang as UnLanguage]?.nativeName ?? lang}</span>,
          forceRender: true,
          children: (
            <div lang={lang} dir={lang === 'ar' ? 'rtl' : undefined}>
              <Form.Item name={['content', lang, 'subject']} label={t('notifyCompose.subject')} rules={required}><Input maxLength={300} /></Form.Item>
              <Form.Item name={['content', lang, 'body']} label={t('notifyCompose.body')} rules={required} extra={t('notifyCompose.bodyHelp', { example: '{{place}}' })}>
                <Input.TextArea rows={5} maxLength={20_000} />
              </Form.Item>
              {options && i > 0 && (
                <Form.Item label={t('notifyCompose.translatedAnswers')} extra={t('notifyCompose.translatedAnswersHelp')} style={{ marginBottom: 8 }}>
                  <Row gutter={8}>
                    {options.map((o, j) => (
                      <Col key={j} xs={24} md={12}>
                        <Form.Item name={['content', lang, 'options', j]} style={{ marginBottom: 8 }}>
                          <Input aria-label={t('notifyCompose.answerIn', { answer: o, language: LANGUAGES[lang as UnLanguage]?.nativeName ?? lang })} placeholder={o} maxLength={50} />
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </Form.Item>
              )}
              {languages.length > 1 && <Button size="small" danger onClick={() => remove(lang)}>{t('notifyCompose.removeLanguage')}</Button>}
            </div>
          ),
        }))}
      />
      {used.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="variables">
          <Typography.Text strong>{variablesLabel}</Typography.Text>
          <Row gutter={16}>
            {used.map((name) => (
              <Col key={name} xs={24} md={12}>
                <Form.Item name={['variables', name]} label={`{{${name}}}`} style={{ marginBottom: 12 }}><Input maxLength={1000} /></Form.Item>
              </Col>
            ))}
          </Row>
        </Space>
      )}
    </>
  );
}
