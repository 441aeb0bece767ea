/** Users (admin): list with filters, create, disable/enable, reset password. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth';
import { usersApi } from '../../api/endpoints';
import { ROLES, type User } from '../../api/types';
import { ErrorAlert, useShowError } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { EnterpriseName } from '../enterprises/EnterpriseName';
import { EnterprisePicker } from '../enterprises/EnterprisePicker';
import { CreateUserModal, ResetPasswordModal } from './UserModals';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useUser();
  const { message } = App.useApp();
  const showError = useShowError();
  const table = useUrlTable(['q', 'role', 'enterpriseId'] as const);
  const f = table.filters;
  const list = useApi(() => usersApi.list({ ...f, limit: table.limit, offset: table.offset }), table.key);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const toggle = async (u: User) => {
    try {
      await usersApi.update(u.id, { disabled: !u.disabled });
      message.success(t(u.disabled ? 'users.enabledMsg' : 'users.disabledMsg', { username: u.username }));
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const columns: ColumnsType<User> = [
    { title: t('login.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', render: (v: string | null) => v ?? '—' },
    { title: t('users.role'), dataIndex: 'role', width: 110, render: (r: string) => <Tag color="blue">{t(`role.${r}`)}</Tag> },
    { title: t('users.enterprise'), dataIndex: 'enterpriseId', render: (id: string | null) => <EnterpriseName id={id} /> },
    { title: t('common.status'), dataIndex: 'disabled', width: 90, render: (d: boolean) => (d ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>) },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: fmtDateTime },
    { title: t('users.lastLoginAt'), dataIndex: 'lastLoginAt', width: 150, render: fmtDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_, u) => (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setResetting(u)} data-testid="user-reset-password">{t('users.resetPassword')}</Button>
          {u.username === me.username ? null : (
            <Popconfirm title={t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { username: u.username })} onConfirm={() => toggle(u)}>
              <Button size="small" type="link" danger={!u.disabled} data-testid="user-toggle">{u.disabled ? t('users.enable') : t('users.disable')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const filtered = !!(f.q || f.role || f.enterpriseId);
  return (
    <Card title={t('nav.users')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">{t('users.create')}</Button>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('users.searchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 240 }} data-testid="filter-q" />
        <Select allowClear placeholder={t('users.role')} value={f.role || undefined} onChange={(v?: string) => table.setFilters({ role: v })} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} style={{ width: 140 }} />
        <EnterprisePicker value={f.enterpriseId || undefined} onChange={(id) => table.setFilters({ enterpriseId: id })} />
        {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1100 }}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : t('users.empty')} /> }}
      />
      <CreateUserModal open={creating} onClose={(c) => { setCreating(false); if (c) { message.success(t('users.createdMsg')); list.reload(); } }} />
      <ResetPasswordModal user={resetting} onClose={(d) => { if (d && resetting) message.success(t('users.resetMsg', { username: resetting.username })); setResetting(null); }} />
    </Card>
  );
}
