/** A new enterprise filing, or a change to one (re-filed: back to pending, history kept). */
import { Alert, App, Button, Card, Checkbox, Form, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { enterprisesApi } from '../../api/endpoints';
import type { EnterpriseInput } from '../../api/types';
import { applyFieldError, ErrorAlert, useLang, useShowError } from '../../ui/errors';
import { useApi } from '../../ui/hooks';
import { cleanEnterprise, EnterpriseFields, enterpriseFieldMap } from './EnterpriseFields';

const FIELDS = enterpriseFieldMap();

export function EnterpriseFormPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterpriseInput>();
  const [busy, setBusy] = useState(false);
  const current = useApi(id ? () => enterprisesApi.get(id) : null, id ?? 'new');

  useEffect(() => {
    const e = current.data;
    if (e) form.setFieldsValue({ name: e.name, uscc: e.uscc, customsCode: e.customsCode, roles: e.roles, district: e.district ?? undefined, contact: e.contact ?? {} });
  }, [current.data, form]);

  const onFinish = async (v: EnterpriseInput) => {
    setBusy(true);
    try {
      const body = cleanEnterprise(v);
      const r = id ? await enterprisesApi.update(id, body) : await enterprisesApi.create(body);
      message.success(id ? t('enterprise.changeSubmitted') : t('enterprise.filed'));
      navigate(user.role === 'enterprise' && user.enterpriseId === r.id ? '/my-filing' : `/enterprises/${r.id}`, { replace: true });
    } catch (e) {
      if (!applyFieldError(form, e, lang, FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (current.error) return <ErrorAlert error={current.error} onRetry={current.reload} />;
  return (
    <Card title={id ? t('enterprise.changeTitle', { name: current.data?.name ?? '' }) : t('enterprise.newFiling')} loading={!!id && !current.data}>
      {id ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('enterprise.changeHint')} /> : null}
      <Form<EnterpriseInput> form={form} layout="vertical" onFinish={onFinish} scrollToFirstError style={{ maxWidth: 860 }} data-testid="filing-form">
        <EnterpriseFields testPrefix="filing" usccLocked={!!id} />
        {can(user.role, 'filing.create') ? (
          <Form.Item name="acceptUsccCheckFailure" valuePropName="checked" extra={t('enterprise.acceptUsccCheckFailureHint')}>
            <Checkbox>{t('enterprise.acceptUsccCheckFailure')}</Checkbox>
          </Form.Item>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="filing-submit">
            {id ? t('enterprise.submitChange') : t('action.submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('action.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
