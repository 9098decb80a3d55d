import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Dropdown, Input, Modal, Space, Tabs, Typography } from 'antd';
import { BranchesOutlined, DownOutlined, EditOutlined, FilePdfOutlined, FlagOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading, useErrorMessage } from '../../components/states';
import { useUrlParams } from '../../components/useUrlParams';
import { useFormat } from '../../i18n/format';
import { pdfHref, useDirectory, usePlan, usePlanTypeName, useVersion, type PlanVersionDetail } from './api';
import { PlansNav } from './PlansNav';
import { PlanStatusTag, ReviewFlags } from './tags';
import { PlanEditor } from './editor/PlanEditor';
import { ContentView } from './editor/ContentView';
import { ApprovalPanel, SubmitButton, useRefreshPlan } from './ApprovalPanel';
import { VersionHistory } from './VersionHistory';
import { ActivationsPanel, PlanDetails } from './PlanDetails';
import { ActivateForm, EditPlanForm, TriggerForm } from './PlanForms';
import { useAreaRights } from './rights';
import { useDay } from './format';

/** One plan: its content (edited while a draft), versions, approval, details and activations. */
export default function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const day = useDay();
  const { message, modal } = App.useApp();
  const describe = useErrorMessage();
  const qc = useQueryClient();
  const refresh = useRefreshPlan(id);
  const typeName = usePlanTypeName();
  const rights = useAreaRights();
  const { get, set } = useUrlParams();
  const tab = get('tab') ?? 'content';
  const [dialog, setDialog] = useState<'edit' | 'trigger' | 'activate' | 'newVersion'>();
  const [changeNote, setChangeNote] = useState('');
  const [savedAt, setSavedAt] = useState<string>();
  const plan = usePlan(id);
  const p = plan.data;
  const working = p?.workingVersion ?? null;
  const shownId = working?.id ?? p?.currentVersionId ?? null;
  const version = useVersion(id, shownId);
  const directory = useDirectory(id, shownId, savedAt ?? version.data?.updatedAt);

  if (plan.error) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!p) return <PageLoading />;
  const canWrite = !!p.allowed?.write;
  const editing = canWrite && working?.status === 'draft';

  const startVersion = async () => {
    try {
      await api.post(`/plans/${p.id}/versions`, { changeNote });
      setDialog(undefined); setChangeNote('');
      await refresh();
      set({ tab: 'content' });
      message.success(t('planVersions.started'));
    } catch (e) { message.error(describe(e), 6); }
  };
  const saveAsTemplate = () => {
    if (!version.data) return;
    const content = version.data.content;
    modal.confirm({
      title: t('planTypes.saveAsTemplate'), content: t('planTypes.saveAsTemplateBody', { title: p.title, type: typeName(p.planTypeId, p.planType) }), okText: t('common.save'), cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.post('/plan-templates', { name: p.title, planTypeId: p.planTypeId, content });
          await qc.invalidateQueries({ queryKey: ['plan-templates'] });
          message.success(t('planTypes.templateSaved'));
        } catch (e) { message.error(describe(e), 6); }
      },
    });
  };
  const archive = () => modal.confirm({
    title: t('plans.archiveTitle', { title: p.title }), content: t('plans.archiveBody'), okText: t('plans.archive'), cancelText: t('common.cancel'), okButtonProps: { danger: true },
    onOk: async () => { try { await api.patch(`/plans/${p.id}`, { status: 'archived' }); await refresh(); } catch (e) { message.error(describe(e), 6); } },
  });

  const more = [
    ...(canWrite ? [{ key: 'trigger', icon: <FlagOutlined />, label: t('planReview.flag'), onClick: () => setDialog('trigger') }] : []),
    ...(canWrite && p.currentVersionId ? [{ key: 'activate', icon: <ThunderboltOutlined />, label: t('planActivation.activate'), onClick: () => setDialog('activate') }] : []),
    ...(rights.adminPlanTypes && version.data ? [{ key: 'template', label: t('planTypes.saveAsTemplate'), onClick: saveAsTemplate }] : []),
    ...(canWrite && p.status !== 'archived' ? [{ key: 'archive', danger: true, label: t('plans.archive'), onClick: archive }] : []),
  ];

  const shown = version.data;
  const content = !shown ? <PageLoading /> : editing ? (
    <PlanEditor key={shown.id} version={shown} directory={directory.data}
      onSaved={(v: PlanVersionDetail) => { qc.setQueryData(['plans', 'version', id, v.id], v); setSavedAt(v.updatedAt); }}
      toolbar={(flush) => working && <SubmitButton plan={p} version={working} beforeSubmit={flush} />} />
  ) : (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(working ? 'planEditor.readOnlyInReview' : 'planEditor.readOnlyApproved', { n: shown.number })}
        description={canWrite && !working ? t('planEditor.startToChange') : undefined} />
      <ContentView content={shown.content} directory={directory.data} />
    </>
  );

  return (
    <>
      <PageHeader title={p.title} trail={[{ to: '/plans', label: t('nav.plans') }]} actions={<>
        {shownId && <Button icon={<FilePdfOutlined />} href={pdfHref(p.id, shownId)} download data-testid="plan-pdf">{t('plans.downloadPdf')}</Button>}
        {canWrite && <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>{t('plans.editDetails')}</Button>}
        {canWrite && !working && <Button icon={<BranchesOutlined />} onClick={() => setDialog('newVersion')}>{t('planVersions.start')}</Button>}
        {more.length > 0 && <Dropdown menu={{ items: more }} trigger={['click']}><Button>{t('plans.more')} <DownOutlined /></Button></Dropdown>}
      </>} />
      <PlansNav />
      <Space wrap style={{ marginBottom: 12 }} data-testid="plan-summary">
        <PlanStatusTag status={p.status} />
        <Typography.Text>{typeName(p.planTypeId, p.planType)}</Typography.Text>
        {shown && <Typography.Text type="secondary">{t('planVersions.versionLabel', { n: shown.number, status: t(`planVersionStatuses.${shown.status}`) })}</Typography.Text>}
        {p.reviewDue && <Typography.Text type="secondary">{t('plans.reviewDueOn', { day: day(p.reviewDue) })}</Typography.Text>}
        <ReviewFlags plan={p} />
      </Space>
      {p.reviewTriggeredBy && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="flagged-alert"
          title={t('planReview.flaggedTitle', { trigger: t(`planReviewTriggers.${p.reviewTriggeredBy}`, { defaultValue: p.reviewTriggeredBy }), at: p.reviewFlaggedAt ? dateTime(p.reviewFlaggedAt) : '' })}
          description={p.reviewTriggerNote} />
      )}
      {p.reviewOverdue && !p.reviewTriggeredBy && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('planReview.overdueTitle', { day: day(p.reviewDue) })} />}
      <Card>
        <Tabs activeKey={tab} onChange={(k) => set({ tab: k })} items={[
          { key: 'content', label: editing ? t('planEditor.tabEdit') : t('planEditor.tabContent'), children: content },
          ...(p.allowed?.history ? [
            { key: 'versions', label: t('planVersions.tab'), children: <VersionHistory plan={p} /> },
            ...(shown ? [{ key: 'approval', label: t('planApproval.tab'), children: (
              <ApprovalPanel plan={p} version={working ?? shown}>{shown.id === working?.id && <ContentView content={shown.content} directory={directory.data} sectionLevel={4} />}</ApprovalPanel>) }] : []),
          ] : []),
          { key: 'details', label: t('plans.tabDetails'), children: <PlanDetails plan={p} /> },
          { key: 'activations', label: t('planActivation.tab'), children: <ActivationsPanel plan={p} /> },
        ]} />
      </Card>
      {dialog === 'edit' && <EditPlanForm plan={p} onClose={() => setDialog(undefined)} onSaved={() => void refresh()} />}
      {dialog === 'trigger' && <TriggerForm plan={p} onClose={() => setDialog(undefined)} onSaved={() => void refresh()} />}
      {dialog === 'activate' && <ActivateForm plan={p} onClose={() => setDialog(undefined)} onSaved={() => { void refresh(); set({ tab: 'activations' }); }} />}
      {dialog === 'newVersion' && (
        <Modal open title={t('planVersions.start')} okText={t('planVersions.startOk')} cancelText={t('common.cancel')} onOk={() => void startVersion()} onCancel={() => setDialog(undefined)}>
          <Typography.Paragraph type="secondary">{t('planVersions.startHelp')}</Typography.Paragraph>
          <label htmlFor="change-note" className="orms-label">{t('planVersions.changeNote')}</label>
          <Input.TextArea id="change-note" rows={3} maxLength={2000} value={changeNote} onChange={(e) => setChangeNote(e.target.value)} />
        </Modal>
      )}
    </>
  );
}
