import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Timeline, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { requiredMark } from '../../components/forms';
import { ErrorState, useErrorMessage } from '../../components/states';
import { useFormat } from '../../i18n/format';
import type { ApprovalEvent, Plan, PlanVersion } from './api';

const ACTION_COLOURS: Record<string, string> = { submit: 'blue', comment: 'gray', approve: 'green', return: 'red' };

/** Refreshes everything a decision changes: the plan, its versions, the inbox and the library. */
export function useRefreshPlan(planId: string) {
  const qc = useQueryClient();
  return () => Promise.all([
    qc.invalidateQueries({ queryKey: ['plans'] }), qc.invalidateQueries({ queryKey: ['plan-approvals'] }),
    qc.invalidateQueries({ queryKey: ['plan-events', planId] }),
  ]);
}

/** A decision with a comment: submit, approve or return (a return needs the comment). */
function DecisionModal({ title, okText, needComment, help, onClose, onDecide }: {
  title: string; okText: string; needComment: boolean; help?: string; onClose(): void; onDecide(comment: string): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [missing, setMissing] = useState(false);
  const go = async () => {
    if (needComment && !comment.trim()) { setMissing(true); return; }
    setBusy(true); setProblem(undefined);
    try { await onDecide(comment.trim()); onClose(); } catch (e) { setProblem(describe(e)); } finally { setBusy(false); }
  };
  return (
    <Modal open title={title} okText={okText} cancelText={t('common.cancel')} onOk={() => void go()} onCancel={onClose} confirmLoading={busy} destroyOnHidden data-testid="decision-modal">
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} data-testid="form-error" />}
      {help && <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>}
      <Form requiredMark={requiredMark} layout="vertical">
        <Form.Item label={t('planApproval.comment')} htmlFor="decision-comment" required={needComment} validateStatus={missing ? 'error' : undefined}
          help={missing ? t('planApproval.commentRequired') : undefined}>
          <Input.TextArea id="decision-comment" rows={4} maxLength={5000} value={comment} onChange={(e) => { setComment(e.target.value); setMissing(false); }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Submits a draft for approval; `beforeSubmit` makes sure the editor's text is on the server first. */
export function SubmitButton({ plan, version, beforeSubmit }: { plan: Plan; version: PlanVersion; beforeSubmit?(): Promise<boolean> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshPlan(plan.id);
  const [open, setOpen] = useState(false);
  const [checking, setChecking] = useState(false);
  return (
    <>
      <Button type="primary" icon={<SendOutlined />} loading={checking} onClick={async () => {
        if (beforeSubmit) {
          setChecking(true);
          const ok = await beforeSubmit();
          setChecking(false);
          if (!ok) { message.error(t('planApproval.saveFirst'), 6); return; }
        }
        setOpen(true);
      }}>{t('planApproval.submit')}</Button>
      {open && <DecisionModal title={t('planApproval.submitTitle', { n: version.number })} okText={t('planApproval.submit')} needComment={false} help={t('planApproval.submitHelp')}
        onClose={() => setOpen(false)}
        onDecide={async (comment) => { await api.post(`/plans/${plan.id}/versions/${version.id}/submit`, { comment }); await refresh(); message.success(t('planApproval.submitted')); }} />}
    </>
  );
}

/** The approval record of a version, with the decisions the caller may take. */
export function ApprovalPanel({ plan, version, children }: { plan: Plan; version: PlanVersion; children?: ReactNode }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const refresh = useRefreshPlan(plan.id);
  const [deciding, setDeciding] = useState<'approve' | 'return'>();
  const [comment, setComment] = useState('');
  const [posting, setPosting] = useState(false);
  const events = useQuery({ queryKey: ['plan-events', plan.id, version.id], queryFn: () => api.get<ApprovalEvent[]>(`/plans/${plan.id}/versions/${version.id}/comments`) });
  const allowed = plan.allowed;
  const inReview = version.status === 'in_review';
  const canDecide = inReview && !!allowed?.approve;

  const postComment = async () => {
    if (!comment.trim()) return;
    setPosting(true);
    try { await api.post(`/plans/${plan.id}/versions/${version.id}/comments`, { comment: comment.trim() }); setComment(''); await refresh(); } catch (e) { message.error(describe(e), 6); } finally { setPosting(false); }
  };

  return (
    <div data-testid="approval-panel">
      <Typography.Paragraph>
        {t('planApproval.versionState', { n: version.number, status: t(`planVersionStatuses.${version.status}`) })}
        {version.draftedBy && <> · {t('planApproval.draftedBy', { who: version.draftedBy })}</>}
        {version.approvedBy && version.approvedAt && <> · {t('planApproval.approvedBy', { who: version.approvedBy, at: dateTime(version.approvedAt) })}</>}
      </Typography.Paragraph>
      {canDecide && allowed?.approveBlocked === 'own_draft' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="own-draft" title={t('planApproval.ownDraft')} description={t('planApproval.ownDraftHelp')} />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        {version.status === 'draft' && allowed?.write && <SubmitButton plan={plan} version={version} />}
        {canDecide && <>
          <Button type="primary" icon={<CheckOutlined />} disabled={allowed?.approveBlocked === 'own_draft'} onClick={() => setDeciding('approve')}>{t('planApproval.approve')}</Button>
          <Button danger icon={<RollbackOutlined />} onClick={() => setDeciding('return')}>{t('planApproval.return')}</Button>
        </>}
        {inReview && !allowed?.approve && <Typography.Text type="secondary">{t('planApproval.waiting')}</Typography.Text>}
      </Space>
      <Typography.Title level={3} style={{ fontSize: 16 }}>{t('planApproval.record')}</Typography.Title>
      {events.error ? <ErrorState error={events.error} onRetry={() => void events.refetch()} /> : (
        events.data?.length
          ? <Timeline data-testid="approval-events" items={events.data.map((e) => ({
            color: ACTION_COLOURS[e.action] ?? 'gray',
            content: <div><Typography.Text strong>{t(`planApproval.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>
              {' · '}{e.email ?? t('plans.someone')} · <Typography.Text type="secondary">{dateTime(e.at)}</Typography.Text>
              {e.comment && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{e.comment}</Typography.Paragraph>}</div>,
          }))} />
          : <Typography.Paragraph type="secondary">{events.isLoading ? t('common.loading') : t('planApproval.noEvents')}</Typography.Paragraph>
      )}
      <Form layout="vertical" onFinish={() => void postComment()} style={{ maxWidth: 640 }}>
        <Form.Item label={t('planApproval.addComment')} htmlFor="plan-comment">
          <Input.TextArea id="plan-comment" rows={3} maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Form.Item>
        <Button htmlType="submit" loading={posting} disabled={!comment.trim()}>{t('planApproval.postComment')}</Button>
      </Form>
      {children && inReview && (
        <section aria-labelledby="approval-content" style={{ marginTop: 24 }}>
          <Typography.Title level={3} id="approval-content" style={{ fontSize: 16 }}>{t('planApproval.whatYouDecide', { n: version.number })}</Typography.Title>
          {children}
        </section>
      )}
      {deciding && <DecisionModal
        title={deciding === 'approve' ? t('planApproval.approveTitle', { n: version.number }) : t('planApproval.returnTitle', { n: version.number })}
        okText={deciding === 'approve' ? t('planApproval.approve') : t('planApproval.return')} needComment={deciding === 'return'}
        help={deciding === 'approve' ? t('planApproval.approveHelp') : t('planApproval.returnHelp')}
        onClose={() => setDeciding(undefined)}
        onDecide={async (c) => {
          await api.post(`/plans/${plan.id}/versions/${version.id}/${deciding}`, { comment: c });
          await refresh();
          message.success(deciding === 'approve' ? t('planApproval.approved') : t('planApproval.returned'));
        }} />}
    </div>
  );
}
