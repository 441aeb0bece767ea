/** Login for every role; an enterprise without an account is pointed to self-registration. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { errorParts, useLang } from '../../ui/errors';
import { PublicFrame } from '../../ui/PublicFrame';

interface LoginForm {
  username: string;
  password: string;
}

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (user) return <Navigate to={next} replace />;

  const onFinish = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const err = error ? errorParts(error, lang) : null;

  return (
    <PublicFrame title={t('login.title')}>
      {params.get('registered') ? <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t('login.registered')} /> : null}
      {err ? <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="login-error" title={err.text} description={`${t('error.code')}: ${err.code}`} /> : null}
      <Form<LoginForm> layout="vertical" onFinish={onFinish} initialValues={{ username: params.get('username') ?? '' }} requiredMark={false} data-testid="login-form">
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('login.noAccount')} <Link to="/register" data-testid="register-link">{t('login.registerLink')}</Link>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('login.quotaHint')} <Link to="/quota" data-testid="quota-link">{t('login.quotaLink')}</Link>
      </Typography.Paragraph>
    </PublicFrame>
  );
}
