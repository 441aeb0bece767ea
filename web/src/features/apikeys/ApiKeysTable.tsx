/** API keys of one enterprise (or all, for the administrator), with create and revoke. */
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiKeysApi } from '../../api/endpoints';
import type { ApiKey } from '../../api/types';
import { ErrorAlert, useShowError } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi } from '../../ui/hooks';
import { EnterpriseName } from '../enterprises/EnterpriseName';
import { NewKeyDialog } from './NewKeyDialog';

interface Props {
  /** Filter and owner of new keys; null lists all (administrator) and needs `pickEnterprise` to create. */
  enterpriseId: string | null;
  page: number;
  size: number;
  setPage: (p: number, s: number) => void;
  showEnterprise?: boolean;
  /** Shown beside the create button (e.g. the enterprise picker of the administrator). */
  toolbar?: React.ReactNode;
  createDisabledReason?: string | null;
}

export function ApiKeysTable({ enterpriseId, page, size, setPage, showEnterprise, toolbar, createDisabledReason }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [creating, setCreating] = useState(false);
  const q = { enterpriseId: enterpriseId ?? undefined, limit: size, offset: (page - 1) * size };
  const list = useApi(() => apiKeysApi.list(q), JSON.stringify(q));

  const revoke = async (k: ApiKey) => {
    try {
      await apiKeysApi.revoke(k.id);
      message.success(t('apiKey.revoked', { prefix: k.prefix }));
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const columns: ColumnsType<ApiKey> = [
    { title: t('apiKey.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: t('apiKey.label'), dataIndex: 'label', render: (l: string) => l || '—' },
    ...(showEnterprise ? [{ title: t('apiKey.enterprise'), dataIndex: 'enterpriseId', render: (id: string) => <EnterpriseName id={id} /> }] : []),
    { title: t('apiKey.createdBy'), dataIndex: 'createdBy' },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: fmtDateTime, width: 150 },
    { title: t('apiKey.lastUsedAt'), dataIndex: 'lastUsedAt', render: fmtDateTime, width: 150 },
    {
      title: t('common.status'),
      dataIndex: 'revokedAt',
      width: 150,
      render: (r: string | null) => (r ? <Tag color="default">{t('apiKey.revokedAt', { at: fmtDateTime(r) })}</Tag> : <Tag color="green">{t('apiKey.active')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, k) =>
        k.revokedAt ? null : (
          <Popconfirm title={t('apiKey.revokeConfirm', { prefix: k.prefix })} description={t('apiKey.revokeHint')} okText={t('apiKey.revoke')} okButtonProps={{ danger: true }} onConfirm={() => revoke(k)}>
            <Button size="small" danger data-testid="apikey-revoke">
              {t('apiKey.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {toolbar}
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!enterpriseId || !!createDisabledReason} title={createDisabledReason ?? undefined} data-testid="apikey-create">
          {t('apiKey.create')}
        </Button>
        {createDisabledReason ? <Typography.Text type="secondary">{createDisabledReason}</Typography.Text> : null}
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<ApiKey>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        data-testid="apikey-table"
        pagination={tablePagination({ page, size, setPage }, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty image={<KeyOutlined style={{ fontSize: 40, color: '#bbb' }} />} description={t('apiKey.empty')} /> }}
      />
      <NewKeyDialog
        enterpriseId={enterpriseId}
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) list.reload();
        }}
      />
    </>
  );
}
