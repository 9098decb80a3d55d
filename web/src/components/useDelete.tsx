import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useErrorMessage } from './states';

/** Asks before deleting; reports a refusal (e.g. the record is still referenced) clearly. */
export function useConfirmDelete() {
  const { modal, message } = App.useApp();
  const { t } = useTranslation();
  const describe = useErrorMessage();
  return (what: string, path: string, done: () => void) => {
    modal.confirm({
      title: t('common.deleteTitle', { what }),
      content: t('common.deleteBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      async onOk() {
        try {
          await api.del(path);
          message.success(t('common.deleted', { what }));
          done();
        } catch (e) {
          message.error(describe(e), 6);
        }
      },
    });
  };
}
