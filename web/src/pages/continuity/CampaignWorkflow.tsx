import { useState } from 'react';
import { Alert, App, Button, Space } from 'antd';
import { CheckOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useErrorMessage } from '../../components/states';
import { CONTINUITY_KEY, useContinuityRights } from './hooks';
import type { Campaign } from './types';

/** draft → in review (every questionnaire submitted) → approved; reopen sends it back to draft. */
export function CampaignWorkflow({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const describe = useErrorMessage();
  const { canWrite, canApprove } = useContinuityRights();
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const step = async (action: 'submit' | 'approve' | 'reopen') => {
    setBusy(action); setProblem(undefined);
    try {
      await api.post(`/continuity/campaigns/${campaign.id}/${action}`);
      message.success(t(`bcCampaign.done.${action}`));
      void qc.invalidateQueries({ queryKey: CONTINUITY_KEY });
    } catch (e) {
      setProblem(e instanceof ApiError && e.fields ? Object.values(e.fields).join(' ') : describe(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {campaign.status === 'draft' && canWrite && (
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void step('submit')}>{t('bcCampaign.submit')}</Button>)}
        {campaign.status === 'in_review' && canApprove && (
          <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} onClick={() => void step('approve')}>{t('bcCampaign.approve')}</Button>)}
        {campaign.status !== 'draft' && canWrite && (
          <Button icon={<RollbackOutlined />} loading={busy === 'reopen'} onClick={() => void step('reopen')}>{t('bcCampaign.reopen')}</Button>)}
      </Space>
      {problem && <Alert type="error" showIcon role="alert" title={problem} data-testid="workflow-error" closable onClose={() => setProblem(undefined)} />}
    </Space>
  );
}
