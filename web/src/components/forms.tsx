import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useErrorMessage } from './states';

/** "contacts.0.value" → ['contacts', 0, 'value'], antd's name path. */
const namePath = (dotted: string): (string | number)[] => dotted.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Puts the API's field messages next to the fields of the form; returns the message to show above
 * the form for whatever no field shows (network failure, server error, a field not in the form).
 */
export function applyApiError(form: FormInstance, err: unknown, describe: (e: unknown) => string, fieldNames: string[]): string | undefined {
  if (err instanceof ApiError && err.fields) {
    const known = Object.entries(err.fields).filter(([k]) => fieldNames.some((f) => k === f || k.startsWith(`${f}.`)));
    form.setFields(known.map(([k, message]) => ({ name: namePath(k), errors: [message] })));
    const unknown = Object.entries(err.fields).filter(([k]) => !known.some(([kk]) => kk === k));
    if (!unknown.length && known.length) return undefined;
    if (unknown.length) return `${err.message} (${unknown.map(([k, m]) => `${k}: ${m}`).join('; ')})`;
  }
  return describe(err);
}

/** The asterisk of a required field, hidden from screen readers (the input says aria-required). */
export const requiredMark = (label: ReactNode, { required }: { required: boolean }) => (
  <>{label}{required && <span aria-hidden="true" style={{ color: '#cf1322', marginInlineStart: 4 }}>*</span>}</>
);

interface FormModalProps<V> {
  open: boolean;
  title: string;
  initialValues?: Partial<V>;
  /** Names of the top-level fields the form shows, to route the API's field errors. */
  fields: string[];
  onSubmit(values: V): Promise<unknown>;
  onClose(): void;
  children: ReactNode;
  okText?: string;
  width?: number;
  testId?: string;
}

/** A create/edit dialog: validates, submits, shows the API's errors, keeps what was typed on failure. */
export function FormModal<V extends object>({ open, title, initialValues, fields, onSubmit, onClose, children, okText, width, testId }: FormModalProps<V>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const describe = useErrorMessage();

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      setProblem(applyApiError(form, e, describe, fields));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={okText ?? t('common.save')} cancelText={t('common.cancel')} destroyOnHidden width={width ?? 560}
      data-testid={testId} forceRender>
      {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form form={form} layout="vertical" initialValues={initialValues} requiredMark={requiredMark} onFinish={() => void submit()} preserve={false}
        onValuesChange={() => problem && setProblem(undefined)}>
        {children}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

export { ApiError };
