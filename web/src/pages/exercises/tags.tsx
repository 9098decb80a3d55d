import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS: Record<string, string> = { planned: 'processing', conducted: 'success', cancelled: 'default' };
const RESULT: Record<string, string> = { met: 'success', partly: 'warning', not_met: 'error' };
const ACTION: Record<string, string> = { open: 'default', in_progress: 'processing', done: 'success', cancelled: 'default' };

export function ExerciseStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS[status]}>{t(`exerciseStatuses.${status}`, { defaultValue: status })}</Tag>;
}
export function ResultTag({ result }: { result: string | null }) {
  const { t } = useTranslation();
  return result ? <Tag color={RESULT[result]} data-result={result}>{t(`exerciseResults.${result}`)}</Tag> : <Tag>{t('exerciseResults.none')}</Tag>;
}
export function ActionStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={ACTION[status]}>{t(`correctiveActionStatuses.${status}`, { defaultValue: status })}</Tag>;
}
