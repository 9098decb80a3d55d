import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api/client';
import { applyApiError } from '../../components/forms';
import { useErrorMessage } from '../../components/states';
import { CsvExport } from '../../components/CsvImport';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../session';
import { useAudiencePreview } from './AudienceBuilder';
import { can } from './rights';
import type { Message, Unreachable } from './types';

type Dialog = 'approve' | 'reject' | 'send' | 'bypass' | null;

/** What the signed-in user may do with the message now, by its status, their role and the scope's policy. */
export function MessageActions({ message }: { message: Message }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const { user } = useSession();
  const { message: toast, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const describe = useErrorMessage();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [unreachable, setUnreachable] = useState<Unreachable[]>();
  const [form] = Form.useForm<{ comment?: string; bypassReason?: string }>();
  const preview = useAudiencePreview(dialog === 'send' || dialog === 'bypass' ? message.audience : { include: [], exclude: [], includeDependants: false }, message.channels);
  if (!user) return null;
  const mine = message.draftedBy === user.id;
  const decided = message.approvals.some((a) => a.userId === user.id);
  const sender = can(user, 'message.send') && message.policy.senderRoles.some((r) => user.grants.some((g) => g.role === r)) && (!mine || message.policy.senderMayBeDrafter);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['messages'] });
  const close = () => { setDialog(null); setProblem(undefined); form.resetFields(); };

  const run = async (path: string, body?: unknown, done?: (r: unknown) => void) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const r = await api.post(path, body);
      refresh();
      done?.(r);
      return true;
    } catch (e) {
      setProblem(applyApiError(form, e, describe, ['comment', 'bypassReason']));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const simple = (path: string, ok: string) => void run(path).then((done) => { if (done) toast.success(ok); });
  const confirm = async () => {
    let v: { comment?: string; bypassReason?: string };
    try { v = await form.validateFields(); } catch { return; }
    if (dialog === 'approve' || dialog === 'reject') {
      if (await run(`/messages/${message.id}/decision`, { decision: dialog, comment: v.comment || null })) { toast.success(t(dialog === 'approve' ? 'notifyMessage.approvedToast' : 'notifyMessage.rejectedToast')); close(); }
    } else if (dialog === 'send' || dialog === 'bypass') {
      await run(`/messages/${message.id}/send`, dialog === 'bypass' ? { bypassReason: v.bypassReason } : {}, (r) => {
        const res = r as { queued: number; unreachable: Unreachable[]; unreachableCount: number };
        toast.success(t('notifyMessage.queued', { n: number(res.queued) }));
        if (res.unreachableCount) setUnreachable(res.unreachable);
        close();
      });
    }
  };

  const buttons: React.ReactNode[] = [];
  if (message.status === 'draft' || message.status === 'rejected') {
    if (mine) {
      buttons.push(<Button key="edit" onClick={() => navigate(`/notifications/${message.id}/edit`)}>{t('common.edit')}</Button>);
      buttons.push(<Button key="submit" type="primary" loading={busy} onClick={() => simple(`/messages/${message.id}/submit`, t('notifyMessage.submitted'))}>{t('notifyMessage.submit')}</Button>);
    }
  }
  if (mine && ['pending_approval', 'approved', 'rejected'].includes(message.status)) {
    buttons.push(<Button key="withdraw" onClick={() => modal.confirm({ title: t('notifyMessage.withdrawTitle'), content: t('notifyMessage.withdrawBody'), okText: t('notifyMessage.withdraw'), cancelText: t('common.cancel'), onOk: () => simple(`/messages/${message.id}/withdraw`, t('notifyMessage.withdrawn')) })}>{t('notifyMessage.withdraw')}</Button>);
  }
  if (message.status === 'pending_approval' && !mine && !decided && can(user, 'message.approve')) {
    buttons.push(<Button key="approve" type="primary" onClick={() => setDialog('approve')}>{t('notifyMessage.approve')}</Button>);
    buttons.push(<Button key="reject" danger onClick={() => setDialog('reject')}>{t('notifyMessage.reject')}</Button>);
  }
  const sendable = message.status === 'approved' || (message.policy.approvalsRequired === 0 && (message.status === 'draft' || message.status === 'pending_approval'));
  if (sender && sendable) buttons.push(<Button key="send" type="primary" onClick={() => setDialog('send')} data-testid="send">{t('notifyMessage.send')}</Button>);
  if (sender && !sendable && message.status !== 'sent' && message.policy.bypassAllowed) {
    buttons.push(<Button key="bypass" danger onClick={() => setDialog('bypass')} data-testid="bypass">{t('notifyMessage.bypass')}</Button>);
  }
  if (message.status === 'sent' && message.kind === 'message') {
    if (message.responseOptions && can(user, 'message.send')) {
      buttons.push(<Button key="resend" onClick={() => modal.confirm({
        title: t('notifyMessage.resendTitle'), content: t('notifyMessage.resendBody'), okText: t('notifyMessage.resend'), cancelText: t('common.cancel'),
        onOk: () => void run(`/messages/${message.id}/resend`, undefined, (r) => toast.success(t('notifyMessage.resent', { n: number((r as { queued: number }).queued) }))),
      })}>{t('notifyMessage.resend')}</Button>);
      buttons.push(<Button key="escalate" onClick={() => modal.confirm({
        title: t('notifyMessage.escalateTitle'), content: t('notifyMessage.escalateBody'), okText: t('notifyMessage.escalate'), cancelText: t('common.cancel'),
        onOk: () => void run(`/messages/${message.id}/escalate`, undefined, (r) => {
          const e = r as { escalations: number; listed: number; withoutWarden: number };
          toast.success(t('notifyMessage.escalated', { teams: number(e.escalations), people: number(e.listed) }));
          if (e.withoutWarden) toast.warning(t('notifyMessage.withoutWarden', { n: number(e.withoutWarden) }), 8);
        }),
      })}>{t('notifyMessage.escalate')}</Button>);
    }
    buttons.push(<CsvExport key="csv" href={withQuery(`/api/v1/messages/${message.id}/recipients.csv`)} label={t('notifyMessage.csv')} />);
  }

  const title = dialog ? t(`notifyMessage.${dialog}Title`) : '';
  return (
    <>
      <Space wrap data-testid="message-actions">{buttons}</Space>
      {problem && !dialog && <Alert type="error" showIcon title={problem} role="alert" style={{ marginTop: 8 }} />}
      {unreachable && (
        <Alert type="warning" showIcon closable onClose={() => setUnreachable(undefined)} style={{ marginTop: 8 }} data-testid="unreachable-report"
          title={t('notifyMessage.unreachableReport', { n: number(unreachable.length) })}
          description={<ul style={{ margin: 0 }}>{unreachable.slice(0, 20).map((u) => <li key={u.personId}>{u.name}</li>)}</ul>} />
      )}
      <Modal open={!!dialog} title={title} onCancel={close} onOk={() => void confirm()} confirmLoading={busy} destroyOnHidden forceRender
        okText={dialog ? t(`notifyMessage.${dialog}`) : undefined} cancelText={t('common.cancel')} okButtonProps={{ danger: dialog === 'reject' || dialog === 'bypass' }}
        data-testid="action-dialog">
        {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 12 }} />}
        {(dialog === 'send' || dialog === 'bypass') && (
          <Typography.Paragraph data-testid="send-count">
            {preview.data ? t('notifyMessage.sendCount', { n: number(preview.data.recipients), u: number(preview.data.unreachableCount) }) : t('common.loading')}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" preserve={false}>
          {(dialog === 'approve' || dialog === 'reject') && (
            <Form.Item name="comment" label={t('notifyMessage.comment')} rules={dialog === 'reject' ? [{ required: true, whitespace: true, message: t('notifyMessage.commentNeeded') }] : []}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {dialog === 'bypass' && (
            <Form.Item name="bypassReason" label={t('notifyMessage.bypassReason')} extra={t('notifyMessage.bypassHelp')}
              rules={[{ required: true, message: t('validation.required') }, { min: 10, message: t('notifyMessage.bypassShort') }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
