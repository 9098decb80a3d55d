import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Card, Descriptions, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/states';
import { useFormat } from '../../i18n/format';
import { LANGUAGES, type UnLanguage } from '../../i18n/languages';
import { AccountabilityBoard } from './AccountabilityBoard';
import { AudienceSummary } from './AudienceSummary';
import { DeliveryDashboard } from './DeliveryDashboard';
import { MessageActions } from './MessageActions';
import { NotifyTabs } from './NotifyTabs';
import { RecipientsDrawer, type DrillDown } from './RecipientsDrawer';
import { SeverityTag, StatusTag } from './labels';
import { TextPreview } from './TextPreview';
import type { Message } from './types';

/** One message: its text, audience, approvals and actions; once sent, the live board and delivery dashboard. */
export default function MessagePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { dateTime, number } = useFormat();
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const [tab, setTab] = useState<string>();
  const q = useQuery({ queryKey: ['messages', 'one', id], queryFn: () => api.get<Message>(`/messages/${id}`), refetchInterval: (query) => (query.state.data?.status === 'sent' ? false : 15_000) });
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const m = q.data;
  const sent = m.status === 'sent';
  const scope = m.scope.type === 'org' ? t('notifyScopes.org') : `${t(`notifyScopes.${m.scope.type}`)}: ${m.scopeName ?? '…'}`;
  return (
    <>
      <PageHeader title={m.title} trail={[{ to: '/notifications', label: t('nav.notifications') }]} />
      <NotifyTabs />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <StatusTag status={m.status} />
          <SeverityTag severity={m.severity} />
          {m.kind === 'escalation' && m.parentId && <Tag color="purple"><Link to={`/notifications/${m.parentId}`}>{t('notifyMessage.escalationOf')}</Link></Tag>}
          {m.bypassReason && <Tag color="error">{t('notifyMessage.bypassed')}</Tag>}
        </Space>
        <MessageActions message={m} />
        {m.bypassReason && <Alert type="warning" showIcon title={t('notifyMessage.bypassedBecause')} description={m.bypassReason} />}
        <Tabs activeKey={tab ?? (sent && m.responseOptions ? 'board' : sent ? 'delivery' : 'overview')} onChange={setTab} items={[
          ...(sent && m.responseOptions ? [{ key: 'board', label: t('notifyMessage.board'), children: <AccountabilityBoard messageId={m.id} onDrill={setDrill} /> }] : []),
          ...(sent ? [{ key: 'delivery', label: t('notifyMessage.delivery'), children: <DeliveryDashboard messageId={m.id} onShowUnreached={() => setDrill({ reached: 'false', title: t('notifyMessage.notReached') })} /> }] : []),
          { key: 'overview', label: t('notifyMessage.overview'), children: (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small">
                <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
                  { key: 'scope', label: t('notifyCompose.issuedFor'), children: scope },
                  { key: 'drafted', label: t('notifyMessage.draftedBy'), children: `${m.draftedByName ?? '—'}, ${dateTime(m.createdAt)}` },
                  { key: 'policy', label: t('notifyMessage.policy'), children: t('notifyCompose.policySummary', { n: m.approvalsRequired, roles: m.policy.senderRoles.map((r) => t(`roles.${r}`)).join(', ') }) },
                  { key: 'channels', label: t('notifyCompose.channels'), children: m.channels.map((c) => t(`notifyChannels.${c}`)).join(', ') },
                  { key: 'answers', label: t('notifyCompose.answers'), children: m.responseOptions?.join(' / ') ?? t('notifyMessage.informationOnly') },
                  { key: 'escalate', label: t('notifyCompose.escalate'), children: m.escalateAfterMinutes ? `${t('notifyMessage.after', { n: number(m.escalateAfterMinutes) })}${m.escalatedAt ? ` — ${t('notifyMessage.escalatedAt', { at: dateTime(m.escalatedAt) })}` : ''}` : '—' },
                  ...(sent ? [{ key: 'sent', label: t('notifyMessage.sentBy'), children: `${m.sentByName ?? '—'}, ${dateTime(m.sentAt)} — ${t('notifyMessage.recipientsN', { n: number(m.recipientCount ?? 0) })}` }] : []),
                  { key: 'audience', label: t('notifyCompose.audience'), span: 2, children: <AudienceSummary audience={m.audience} /> },
                ]} />
              </Card>
              <Card size="small" title={t('notifyMessage.approvals')}>
                {m.approvals.length ? (
                  <Timeline items={m.approvals.map((a) => ({
                    color: a.decision === 'approve' ? 'green' : 'red',
                    content: <><Typography.Text strong>{a.name ?? a.userId}</Typography.Text> — {t(`notifyMessage.decision_${a.decision}`)} · {dateTime(a.at)}{a.comment && <div>{a.comment}</div>}</>,
                  }))} />
                ) : <Typography.Text type="secondary">{m.status === 'pending_approval' ? t('notifyMessage.awaitingDecision', { n: m.approvalsRequired }) : t('notifyMessage.noDecision')}</Typography.Text>}
              </Card>
              <Card size="small" title={t('notifyMessage.text', { languages: Object.keys(m.content).map((l) => LANGUAGES[l as UnLanguage]?.nativeName ?? l).join(', ') })}>
                <TextPreview content={m.content} variables={m.variables} options={m.responseOptions} channels={m.channels} />
              </Card>
            </Space>
          ) },
        ]} />
      </Space>
      {sent && <RecipientsDrawer messageId={m.id} options={m.responseOptions ?? []} drill={drill} onClose={() => setDrill(null)} />}
    </>
  );
}
