import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { ApiError } from '../../api/client';
import { useErrorMessage } from '../../components/states';
import { useTitle } from '../../components/PageHeader';
import { LANGUAGES, UN_LANGUAGES, type UnLanguage } from '../../i18n/languages';

/** Only same-site paths are followed after sign-in. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const { user, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  useTitle(t('login.title'));
  const next = safeNext(params.get('next'));

  if (user) return <Navigate to={next} replace />;

  const submit = async (v: { email: string; password: string }) => {
    setBusy(true); setProblem(undefined);
    try {
      await signIn(v.email, v.password);
      navigate(next, { replace: true });
    } catch (e) {
      setProblem(e instanceof ApiError && e.status === 401 ? t('login.failed') : e instanceof ApiError && e.status === 429 ? t('login.tooMany') : describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="orms-login">
      <Card className="orms-login-card">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
          <div>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 28 }}>ORMS</Typography.Title>
            <Typography.Text type="secondary">{t('shell.tagline')}</Typography.Text>
          </div>
          <Select aria-label={t('shell.language')} value={i18n.language as UnLanguage} style={{ width: 120 }}
            onChange={(v) => void i18n.changeLanguage(v)} data-testid="login-language"
            options={UN_LANGUAGES.map((l) => ({ value: l, label: <span lang={l}>{LANGUAGES[l].nativeName}</span> }))} />
        </Space>
        <Typography.Title level={2} style={{ fontSize: 20, marginTop: 24 }}>{t('login.title')}</Typography.Title>
        {params.get('next') && !problem && <Alert type="info" showIcon title={t('login.sessionEnded')} style={{ marginBottom: 16 }} />}
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>{t('login.submit')}</Button>
        </Form>
      </Card>
    </main>
  );
}
