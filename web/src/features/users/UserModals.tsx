/** Create a user; reset a user's password. */
import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../../api/endpoints';
import { ROLES, type Role, type User } from '../../api/types';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';
import { EnterprisePicker } from '../enterprises/EnterprisePicker';

const PASSWORD_RULES = (t: (k: string) => string) => [
  { required: true, message: t('login.passwordRequired') },
  { min: 8, max: 128, message: t('register.passwordLength') },
  { pattern: /^(?=.*[A-Za-z])(?=.*\d)/, message: t('register.passwordMix') },
];

interface NewUser {
  username: string;
  password: string;
  role: Role;
  enterpriseId?: string;
  displayName?: string;
}
const CREATE_FIELDS: Record<string, string[]> = Object.fromEntries(['username', 'password', 'role', 'enterpriseId', 'displayName'].map((f) => [f, [f]]));

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: (created: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<NewUser>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      await usersApi.create({
        username: v.username.trim(),
        password: v.password,
        role: v.role,
        ...(v.role === 'enterprise' && v.enterpriseId ? { enterpriseId: v.enterpriseId } : {}),
        ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}),
      });
      onClose(true);
    } catch (e) {
      if (!applyFieldError(form, e, lang, CREATE_FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('users.createTitle')} onCancel={() => onClose(false)} onOk={save} okText={t('action.create')} okButtonProps={{ loading: busy, 'data-testid': 'user-create-confirm' }} forceRender>
      <Form form={form} layout="vertical">
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }, { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('register.usernameShape') }]}>
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input maxLength={128} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} data-testid="user-role" />
        </Form.Item>
        {role === 'enterprise' ? (
          <Form.Item name="enterpriseId" label={t('users.enterprise')} rules={[{ required: true, message: t('users.enterpriseRequired') }]}>
            <EnterprisePicker />
          </Form.Item>
        ) : null}
        <Form.Item name="password" label={t('users.initialPassword')} rules={PASSWORD_RULES(t)}>
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const save = async () => {
    if (!user) return;
    const v = await validated(form);
    if (!v) return;
    const { password } = v;
    setBusy(true);
    try {
      await usersApi.update(user.id, { password });
      onClose(true);
    } catch (e) {
      if (!applyFieldError(form, e, lang, { password: ['password'] })) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={user !== null} title={t('users.resetTitle', { username: user?.username ?? '' })} onCancel={() => onClose(false)} onOk={save} okText={t('action.save')} okButtonProps={{ loading: busy }} forceRender>
      <Form form={form} layout="vertical">
        <Form.Item name="password" label={t('users.newPassword')} rules={PASSWORD_RULES(t)} extra={t('users.resetHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
