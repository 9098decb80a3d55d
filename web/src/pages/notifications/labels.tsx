import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const SEVERITY_COLOURS: Record<string, string> = { info: 'default', advisory: 'processing', warning: 'warning', emergency: 'error' };
const STATUS_COLOURS: Record<string, string> = { draft: 'default', pending_approval: 'warning', approved: 'processing', rejected: 'error', sent: 'success' };
export const DELIVERY_COLOURS: Record<string, string> = { queued: 'default', sending: 'processing', sent: 'blue', delivered: 'success', failed: 'error', bounced: 'purple' };

export function SeverityTag({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLOURS[severity]} data-severity={severity}>{t(`notifySeverities.${severity}`, { defaultValue: severity })}</Tag>;
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]} data-status={status}>{t(`notifyStatuses.${status}`, { defaultValue: status })}</Tag>;
}

export function DeliveryTag({ status, count }: { status: string; count?: number }) {
  const { t } = useTranslation();
  return <Tag color={DELIVERY_COLOURS[status]} data-delivery={status}>{t(`notifyDeliveryStatuses.${status}`, { defaultValue: status })}{count !== undefined ? ` ${count}` : ''}</Tag>;
}

/** Answers in the order offered: the first is the all-clear, the second the call for help. */
export const answerColour = (index: number): string => (index === 0 ? '#237804' : index === 1 ? '#cf1322' : '#0958d9');
