import { Alert, Button, Empty, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function PageLoading() {
  const { t } = useTranslation();
  return <div className="orms-loading" role="status" aria-live="polite"><Spin /> <span>{t('common.loading')}</span></div>;
}

/** A clear sentence for any failure: offline, server error, refused, or the API's own message. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (err: unknown): string => {
    if (err instanceof ApiError) {
      if (err.isNetwork) return t('errors.network');
      if (err.status >= 500) return t('errors.server');
      if (err.status === 403) return t('errors.forbidden');
      if (err.status === 404) return t('errors.notFound');
      return err.message;
    }
    return t('errors.unexpected');
  };
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  return (
    <Alert type="error" showIcon role="alert" title={t('errors.title')} description={message}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined} />
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbiddenPage')} data-testid="forbidden" />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('errors.notFoundPage')} />;
}

export function EmptyList({ description }: { description?: string }) {
  const { t } = useTranslation();
  return <Empty description={description ?? t('common.noData')} />;
}
