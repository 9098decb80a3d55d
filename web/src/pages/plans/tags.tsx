import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Plan } from './api';

const STATUS_COLOURS: Record<string, string> = { draft: 'default', in_review: 'processing', approved: 'success', superseded: 'default', archived: 'default' };

export function PlanStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]} data-status={status}>{t(`planStatuses.${status}`, { defaultValue: status })}</Tag>;
}

/** Overdue review and "flagged for review" marks of a plan. */
export function ReviewFlags({ plan }: { plan: Pick<Plan, 'reviewOverdue' | 'reviewTriggeredBy' | 'reviewTriggerNote'> }) {
  const { t } = useTranslation();
  return (
    <>
      {plan.reviewOverdue && <Tag color="error" data-testid="review-overdue">{t('plans.reviewOverdue')}</Tag>}
      {plan.reviewTriggeredBy && (
        <Tooltip title={plan.reviewTriggerNote}>
          <Tag color="warning" data-testid="review-flagged">{t('plans.flagged', { trigger: t(`planReviewTriggers.${plan.reviewTriggeredBy}`, { defaultValue: plan.reviewTriggeredBy }) })}</Tag>
        </Tooltip>
      )}
    </>
  );
}
