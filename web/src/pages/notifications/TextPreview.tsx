import { useState } from 'react';
import { Card, Empty, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { optionLabels, responseFooter, textFor, type LocalizedText } from '../../../../src/domain/notify/template.js';
import { LANGUAGES, type UnLanguage } from '../../i18n/languages';

interface Props {
  content: Record<string, LocalizedText>;
  variables: Record<string, string>;
  options: string[] | null;
  channels: string[];
  /** Recipients to preview as (from the audience preview); without them, each language of the text. */
  sample?: { personId: string; name: string; language: string }[];
}

const nameOf = (l: string) => LANGUAGES[l as UnLanguage]?.nativeName ?? l;

/** The message as a recipient will read it: their language (or the fallback), on each channel. */
export function TextPreview({ content, variables, options, channels, sample }: Props) {
  const { t } = useTranslation();
  const languages = Object.keys(content);
  const choices = sample?.length
    ? sample.map((s) => ({ value: `p:${s.personId}`, language: s.language, label: `${s.name} (${nameOf(s.language)})` }))
    : languages.map((l) => ({ value: `l:${l}`, language: l, label: nameOf(l) }));
  const [chosen, setChosen] = useState<string>();
  const pick = choices.find((c) => c.value === chosen) ?? choices[0];
  if (!pick || !languages.length) return <Empty description={t('notifyCompose.nothingToPreview')} />;
  const text = textFor(content, pick.language, variables);
  const labels = options ? optionLabels(content, pick.language, options) : null;
  const link = `${window.location.origin}/respond/…`;
  const dir = text.language === 'ar' ? 'rtl' : undefined;
  const body = (channel: 'email' | 'sms') => (labels ? `${text.body}\n\n${responseFooter(labels, channel === 'sms' ? undefined : link, channel, text.language)}` : text.body);
  const items = channels.map((c) => ({
    key: c, label: t(`notifyChannels.${c}`),
    children: c === 'sms' ? (
      <Card size="small"><pre className="orms-pre" lang={text.language} dir={dir}>{`${text.subject}: ${body('sms')}`}</pre>
        <Typography.Text type="secondary">{t('notifyCompose.smsLength', { n: `${text.subject}: ${body('sms')}`.length })}</Typography.Text></Card>
    ) : (
      <Card size="small" title={<span lang={text.language} dir={dir}>{text.subject}</span>}>
        <pre className="orms-pre" lang={text.language} dir={dir}>{c === 'email' ? body('email') : text.body}</pre>
        {c !== 'email' && labels && <Space wrap style={{ marginTop: 8 }}>{labels.map((l) => <Tag key={l}>{l}</Tag>)}</Space>}
      </Card>
    ),
  }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="text-preview">
      <Space wrap>
        <Select aria-label={t('notifyCompose.previewAs')} value={pick.value} onChange={setChosen} style={{ width: 320 }} options={choices.map((c) => ({ value: c.value, label: c.label }))} />
        {text.language !== pick.language && <Tag color="warning">{t('notifyCompose.fallback', { language: nameOf(text.language) })}</Tag>}
      </Space>
      <Tabs items={items} />
    </Space>
  );
}
