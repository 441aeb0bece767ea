/** 企业注册备案: an enterprise files itself and creates its first user; it can log in at once and sees "pending". */
import { Alert, Button, Divider, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { enterprisesApi } from '../../api/endpoints';
import type { EnterpriseInput, RegisterResult } from '../../api/types';
import { applyFieldError, errorParts, useLang } from '../../ui/errors';
import { PublicFrame } from '../../ui/PublicFrame';
import { cleanEnterprise, EnterpriseFields, enterpriseFieldMap } from './EnterpriseFields';

// The server names enterprise fields bare or under enterprise., and the user's as username/password or user.*.
const FIELDS: Record<string, string[]> = {
  ...enterpriseFieldMap(['enterprise']),
  username: ['user', 'username'],
  password: ['user', 'password'],
  'user.username': ['user', 'username'],
  'user.password': ['user', 'password'],
};

interface RegisterForm {
  enterprise: EnterpriseInput;
  user: { username: string; password: string; confirm: string };
}

export function RegisterPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<RegisterForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<RegisterResult | null>(null);

  const onFinish = async (v: RegisterForm) => {
    setBusy(true);
    setError(null);
    try {
      const r = await enterprisesApi.register({ enterprise: cleanEnterprise(v.enterprise), user: { username: v.user.username.trim(), password: v.user.password } });
      setDone(r);
    } catch (e) {
      if (!applyFieldError(form, e, lang, FIELDS)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <PublicFrame title={t('register.title')} width={640}>
        <Result
          status="success"
          data-testid="register-success"
          title={t('register.doneTitle')}
          subTitle={t('register.doneText', { username: done.username, id: done.id })}
          data-enterprise-id={done.id}
          extra={[
            done.warnings?.length ? (
              <Alert
                key="w"
                type="warning"
                showIcon
                style={{ textAlign: 'left', marginBottom: 16 }}
                title={t('register.warnings')}
                description={<ul style={{ margin: 0, paddingLeft: 18 }}>{done.warnings.map((w, i) => <li key={i}>{w.message[lang]}</li>)}</ul>}
              />
            ) : null,
            <Link key="login" to={`/login?username=${encodeURIComponent(done.username)}&registered=1`}>
              <Button type="primary" data-testid="register-go-login">
                {t('register.goLogin')}
              </Button>
            </Link>,
          ]}
        />
      </PublicFrame>
    );
  }

  const err = error ? errorParts(error, lang) : null;
  return (
    <PublicFrame title={t('register.title')} width={760}>
      <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
      {err ? <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="register-error" title={err.text} description={`${t('error.code')}: ${err.code}`} /> : null}
      <Form<RegisterForm> form={form} layout="vertical" onFinish={onFinish} scrollToFirstError data-testid="register-form">
        <Divider titlePlacement="start">{t('register.enterpriseSection')}</Divider>
        <EnterpriseFields prefix={['enterprise']} testPrefix="register" />
        <Divider titlePlacement="start">{t('register.userSection')}</Divider>
        <Form.Item name={['user', 'username']} label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }, { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('register.usernameShape') }]}>
          <Input autoComplete="username" data-testid="register-username" />
        </Form.Item>
        <Form.Item name={['user', 'password']} label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }, { min: 8, max: 128, message: t('register.passwordLength') }, { pattern: /^(?=.*[A-Za-z])(?=.*\d)/, message: t('register.passwordMix') }]} hasFeedback>
          <Input.Password autoComplete="new-password" data-testid="register-password" />
        </Form.Item>
        <Form.Item
          name={['user', 'confirm']}
          label={t('register.confirmPassword')}
          dependencies={[['user', 'password']]}
          hasFeedback
          rules={[
            { required: true, message: t('register.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue(['user', 'password']) === value ? Promise.resolve() : Promise.reject(new Error(t('register.confirmMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="register-password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="register-submit">
          {t('register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </Typography.Paragraph>
    </PublicFrame>
  );
}
