import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CHANNELS, SEVERITIES } from '../../../../src/domain/notify/channels.js';
import type { LocalizedText } from '../../../../src/domain/notify/template.js';
import { api } from '../../api/client';
import { applyApiError, requiredMark } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading, useErrorMessage } from '../../components/states';
import { EntitySelect, LocationSelect } from '../../components/pickers';
import { useSession } from '../../session';
import { AudienceBuilder, cleanAudience, useAudiencePreview } from './AudienceBuilder';
import { cleanContent, ContentEditor, usedPlaceholders } from './ContentEditor';
import { OptionsField } from './OptionsField';
import { TextPreview } from './TextPreview';
import type { Message, Policy, ScopeRef, Template } from './types';

interface Values {
  title: string; severity: string; scope: { type: 'org' | 'entity' | 'location'; id?: string | null }; templateId?: string | null;
  content: Record<string, Partial<LocalizedText>>; variables?: Record<string, string | undefined>;
  asks: boolean; responseOptions?: string[]; audience: Parameters<typeof cleanAudience>[0]; channels: string[];
  escalate: boolean; escalateAfterMinutes?: number | null;
}
const FIELDS = ['title', 'severity', 'scope', 'templateId', 'content', 'variables', 'responseOptions', 'audience', 'channels', 'escalateAfterMinutes'];

/** The scope a new message is issued for by default: the user's widest drafting grant. */
function defaultScope(grants: { role: string; scopeType: string; scopeId: string | null }[]): Values['scope'] {
  if (grants.some((g) => g.scopeType === 'org')) return { type: 'org' };
  const g = grants.find((x) => x.scopeType === 'entity') ?? grants[0];
  return g?.scopeId ? { type: g.scopeType as 'entity' | 'location', id: g.scopeId } : { type: 'org' };
}

function toValues(m: Message): Values {
  return {
    title: m.title, severity: m.severity, scope: m.scope, templateId: m.templateId, content: m.content, variables: m.variables,
    asks: !!m.responseOptions, responseOptions: m.responseOptions ?? undefined, audience: m.audience, channels: m.channels,
    escalate: m.escalateAfterMinutes !== null, escalateAfterMinutes: m.escalateAfterMinutes,
  };
}

/** Writing a message: template, text per language, audience with its live count and map, channels, answers, preview. */
export default function ComposePage() {
  const { id } = useParams();
  const existing = useQuery({ queryKey: ['messages', 'one', id], queryFn: () => api.get<Message>(`/messages/${id}`), enabled: !!id });
  if (id && existing.error) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  if (id && !existing.data) return <PageLoading />;
  return <Composer message={existing.data} />;
}

function Composer({ message }: { message?: Message }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const describe = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const [problem, setProblem] = useState<string>();
  const templates = useQuery({ queryKey: ['notify-templates'], queryFn: () => api.get<Template[]>('/notify/templates') });
  const available = useQuery({ queryKey: ['notify-channels'], queryFn: () => api.get<{ available: string[] }>('/notify/channels'), staleTime: 300_000 });
  // The starting values, once: a later change of language or session must not wipe what is typed.
  const [initial] = useState<Values>(() => (message ? toValues(message) : {
    title: '', severity: 'warning', scope: defaultScope(user?.grants ?? []), content: { en: { subject: '', body: '' } }, variables: {},
    asks: true, responseOptions: [t('notifyCompose.defaultSafe'), t('notifyCompose.defaultHelp')],
    audience: { include: [{ type: 'location' }], exclude: [], includeDependants: false }, channels: ['email', 'inapp'], escalate: false, escalateAfterMinutes: 60,
  }));

  const values = Form.useWatch((v: Values) => v, { form, preserve: true }) as Values | undefined;
  const asks = values?.asks ?? initial.asks;
  const options = asks ? ((values?.responseOptions ?? []).filter((o) => o?.trim()) as string[]) : null;
  const scope = values?.scope ?? initial.scope;
  const scopeRef: ScopeRef | null = scope.type === 'org' ? { type: 'org' } : scope.id ? { type: scope.type, id: scope.id } : null;
  const policy = useQuery({
    queryKey: ['notify-policy', scopeRef],
    queryFn: () => api.get<Policy & { source: string | null }>('/notify/policies/effective', scopeRef!.type === 'org' ? { scopeType: 'org' } : { scopeType: scopeRef!.type, scopeId: (scopeRef as { id: string }).id }),
    enabled: !!scopeRef,
  });
  const audience = useMemo(() => cleanAudience(values?.audience), [values?.audience]);
  const preview = useAudiencePreview(audience, values?.channels ?? []);

  const applyTemplate = (tid: string | null) => {
    const tpl = templates.data?.find((x) => x.id === tid);
    if (!tpl) return;
    const apply = () => form.setFieldsValue({
      severity: tpl.severity, content: tpl.content, variables: tpl.variables, asks: !!tpl.responseOptions,
      responseOptions: tpl.responseOptions ?? undefined, channels: tpl.channels, title: form.getFieldValue('title') || tpl.name,
    });
    const typed = Object.values((form.getFieldValue('content') ?? {}) as Values['content']).some((x) => x.subject || x.body);
    if (typed) modal.confirm({ title: t('notifyCompose.replaceText'), content: t('notifyCompose.replaceTextBody'), okText: t('notifyCompose.useTemplate'), cancelText: t('common.cancel'), onOk: apply });
    else apply();
  };

  const save = async (then: 'save' | 'submit') => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const used = usedPlaceholders(v.content);
    const opts = v.asks ? (v.responseOptions ?? []).map((o) => o.trim()) : null;
    const body = {
      title: v.title, severity: v.severity, scope: v.scope.type === 'org' ? { type: 'org' } : { type: v.scope.type, id: v.scope.id },
      templateId: v.templateId ?? null, content: cleanContent(v.content, opts),
      variables: Object.fromEntries(used.filter((n) => v.variables?.[n]).map((n) => [n, v.variables![n]!])),
      responseOptions: opts, audience: cleanAudience(v.audience), channels: v.channels,
      escalateAfterMinutes: v.asks && v.escalate ? v.escalateAfterMinutes ?? null : null,
    };
    setBusy(then);
    setProblem(undefined);
    try {
      const saved = message ? await api.patch<Message>(`/messages/${message.id}`, body) : await api.post<Message>('/messages', body);
      if (then === 'submit') await api.post<Message>(`/messages/${saved.id}/submit`);
      void qc.invalidateQueries({ queryKey: ['messages'] });
      navigate(`/notifications/${saved.id}`);
    } catch (e) {
      setProblem(applyApiError(form, e, describe, FIELDS));
    } finally {
      setBusy(undefined);
    }
  };

  const title = message ? t('notifyCompose.editTitle') : t('notifyCompose.newTitle');
  return (
    <>
      <PageHeader title={title} trail={[{ to: '/notifications', label: t('nav.notifications') }]} />
      <Form form={form} layout="vertical" initialValues={initial} requiredMark={requiredMark} data-testid="compose-form" onValuesChange={() => problem && setProblem(undefined)}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {problem && <Alert type="error" showIcon title={problem} role="alert" data-testid="form-error" />}
          <Card title={t('notifyCompose.message')}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="templateId" label={t('notifyCompose.template')} extra={t('notifyCompose.templateHelp')}>
                  <Select allowClear loading={templates.isLoading} showSearch={{ optionFilterProp: 'label' }} onChange={applyTemplate} data-testid="template-picker"
                    options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))} notFoundContent={t('notifyTemplates.none')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="title" label={t('notifyCompose.title')} rules={[{ required: true, message: t('validation.required') }]} extra={t('notifyCompose.titleHelp')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="severity" label={t('notifyCompose.severity')}>
                  <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`notifySeverities.${s}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name={['scope', 'type']} label={t('notifyCompose.issuedFor')} extra={t('notifyCompose.issuedForHelp')}>
                  <Select onChange={() => form.setFieldValue(['scope', 'id'], null)} options={(['org', 'entity', 'location'] as const).map((s) => ({ value: s, label: t(`notifyScopes.${s}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                {scope.type === 'entity' && <Form.Item name={['scope', 'id']} label={t('notifyScopes.entity')} rules={[{ required: true, message: t('validation.required') }]}><EntitySelect /></Form.Item>}
                {scope.type === 'location' && <Form.Item name={['scope', 'id']} label={t('notifyScopes.location')} rules={[{ required: true, message: t('validation.required') }]}><LocationSelect kind="duty_station" /></Form.Item>}
                {policy.data && (
                  <Typography.Paragraph type="secondary" data-testid="policy-summary" style={{ marginTop: scope.type === 'org' ? 30 : 0 }}>
                    {t('notifyCompose.policySummary', { n: policy.data.approvalsRequired, roles: policy.data.senderRoles.map((r) => t(`roles.${r}`)).join(', ') })}
                    {!policy.data.bypassAllowed && ` ${t('notifyCompose.noBypass')}`}
                  </Typography.Paragraph>
                )}
              </Col>
            </Row>
          </Card>
          <Card title={t('notifyCompose.text')}>
            <OptionsField />
            <ContentEditor options={options} variablesLabel={t('notifyCompose.variables')} />
          </Card>
          <Card title={t('notifyCompose.audience')}>
            <AudienceBuilder />
          </Card>
          <Card title={t('notifyCompose.delivery')}>
            <Form.Item name="channels" label={t('notifyCompose.channels')} rules={[{ validator: async (_, v?: string[]) => { if (!v?.length) throw new Error(t('notifyCompose.oneChannel')); } }]}
              extra={available.data ? t('notifyCompose.channelsHelp') : undefined}>
              <Checkbox.Group options={CHANNELS.map((c) => ({
                value: c, label: `${t(`notifyChannels.${c}`)}${available.data && !available.data.available.includes(c) ? ` (${t('notifyCompose.notConfigured')})` : ''}`,
                disabled: !!available.data && !available.data.available.includes(c),
              }))} />
            </Form.Item>
            {asks && (
              <Space align="start" wrap>
                <Form.Item name="escalate" valuePropName="checked" label={t('notifyCompose.escalate')} extra={t('notifyCompose.escalateHelp')}>
                  <Switch />
                </Form.Item>
                {values?.escalate && (
                  <Form.Item name="escalateAfterMinutes" label={t('notifyCompose.escalateAfter')} rules={[{ required: true, message: t('validation.required') }]}>
                    <InputNumber min={1} max={10080} suffix={t('notifyCompose.minutes')} style={{ width: 160 }} />
                  </Form.Item>
                )}
              </Space>
            )}
          </Card>
          <Card title={t('notifyCompose.preview')}>
            {values?.content && (
              <TextPreview content={cleanContent(values.content, options)} variables={Object.fromEntries(Object.entries(values.variables ?? {}).filter(([, x]) => x)) as Record<string, string>}
                options={options} channels={values.channels ?? []} sample={preview.data?.sample} />
            )}
          </Card>
          <Space>
            <Button onClick={() => void save('save')} loading={busy === 'save'} disabled={!!busy}>{t('notifyCompose.saveDraft')}</Button>
            <Button type="primary" onClick={() => void save('submit')} loading={busy === 'submit'} disabled={!!busy}>{t('notifyCompose.saveSubmit')}</Button>
          </Space>
        </Space>
      </Form>
    </>
  );
}
