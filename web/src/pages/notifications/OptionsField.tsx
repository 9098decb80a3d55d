import { Button, Form, Input, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** "Ask for an answer" and the answers offered (2 to 6), e.g. I am safe / I need help. */
export function OptionsField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const asks = Form.useWatch('asks', form) as boolean | undefined;
  return (
    <>
      <Form.Item name="asks" valuePropName="checked" label={t('notifyCompose.asks')} extra={t('notifyCompose.asksHelp')}>
        <Switch onChange={(on) => { if (on && !(form.getFieldValue('responseOptions') as string[] | undefined)?.length) form.setFieldValue('responseOptions', [t('notifyCompose.defaultSafe'), t('notifyCompose.defaultHelp')]); }} />
      </Form.Item>
      {asks && (
        <Form.List name="responseOptions" rules={[{ validator: async (_, v: string[] | undefined) => { if (!v || v.length < 2) throw new Error(t('notifyCompose.twoAnswers')); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <div data-testid="response-options">
              <Typography.Text>{t('notifyCompose.answers')}</Typography.Text>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={f.name} rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ marginBottom: 0 }}>
                    <Input aria-label={t('notifyCompose.answerN', { n: i + 1 })} maxLength={50} style={{ width: 280 }} />
                  </Form.Item>
                  {fields.length > 2 && <Button icon={<DeleteOutlined />} aria-label={t('notifyCompose.removeAnswer', { n: i + 1 })} onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {fields.length < 6 && <Button style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => add('')}>{t('notifyCompose.addAnswer')}</Button>}
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
      )}
    </>
  );
}
