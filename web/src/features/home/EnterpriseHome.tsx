/** An enterprise's home: its filing status, its products, its API keys. */
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../../app/auth';
import { enterprisesApi, productsApi } from '../../api/endpoints';
import type { EnterpriseDetail, ProductSummary } from '../../api/types';
import { ErrorAlert, useLang } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { StatusTag } from '../../ui/StatusTag';
import { ApiKeysTable } from '../apikeys/ApiKeysTable';

function MyFiling({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card
      title={t('home.myFiling')}
      extra={
        <Space>
          <Link to="/my-filing">{t('action.viewDetail')}</Link>
          <Link to={`/enterprises/${e.id}/edit`}>
            <Button data-testid="my-filing-change">{t('enterprise.submitChange')}</Button>
          </Link>
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label={t('enterprise.field.name')}>{e.name}</Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          <span data-testid="my-filing-status" data-status={e.status}>
            <StatusTag status={e.status} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('common.version')}>v{e.version}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.uscc')}>{e.uscc}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.field.customsCode')}>{e.customsCode}</Descriptions.Item>
        <Descriptions.Item label={t('common.updatedAt')}>{fmtDateTime(e.updatedAt)}</Descriptions.Item>
      </Descriptions>
      {e.status === 'pending' ? <Alert type="info" showIcon title={t('home.pendingHint')} /> : null}
      {e.status === 'rejected' ? (
        <Alert type="error" showIcon data-testid="my-filing-reject-reason" title={t('home.rejectedTitle')} description={e.rejectReason || t('common.noReason')} action={<Link to={`/enterprises/${e.id}/edit`}>{t('enterprise.submitChange')}</Link>} />
      ) : null}
      {e.warnings?.length ? (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('filing.warnings')} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{e.warnings.map((w) => <li key={w.code}>{w.message[lang]} <Typography.Text type="secondary">({w.code})</Typography.Text></li>)}</ul>} />
      ) : null}
    </Card>
  );
}

function MyProducts({ approved }: { approved: boolean }) {
  const { t } = useTranslation();
  const list = useApi(() => productsApi.list({ sort: 'newest', limit: 5 }), 'my-products');
  return (
    <Card
      title={t('home.myProducts')}
      extra={
        <Space>
          <Link to="/products">{t('action.viewAll')}</Link>
          <Link to="/products/new">
            <Button type="primary" data-testid="product-new">
              {t('product.new')}
            </Button>
          </Link>
        </Space>
      }
    >
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<ProductSummary>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.loading}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty description={approved ? t('product.emptyEnterprise') : t('product.needApproved')} /> }}
        columns={[
          { title: t('product.field.itemNo'), dataIndex: 'itemNo', render: (v: string, p) => <Link to={`/products/${p.id}`}>{v}</Link> },
          { title: t('product.field.itemName'), dataIndex: 'itemName' },
          { title: t('product.field.gcode'), dataIndex: 'gcode' },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: fmtDateTime },
        ]}
        footer={list.data ? () => t('common.total', { count: list.data!.total }) : undefined}
      />
    </Card>
  );
}

export function EnterpriseHome() {
  const { t } = useTranslation();
  const user = useUser();
  const id = user.enterpriseId;
  const ent = useApi(id ? () => enterprisesApi.get(id) : null, id ?? '');
  const [keyPage, setKeyPage] = useState({ page: 1, size: 10 });

  if (!id) {
    return (
      <Card>
        <Empty description={t('home.noEnterprise')} />
      </Card>
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {ent.error ? <ErrorAlert error={ent.error} onRetry={ent.reload} /> : null}
      {ent.loading && !ent.data ? <Card loading /> : null}
      {ent.data ? <MyFiling e={ent.data} /> : null}
      <MyProducts approved={ent.data?.status === 'approved'} />
      <Card title={t('home.myApiKeys')}>
        <Typography.Paragraph type="secondary">{t('apiKey.intro')}</Typography.Paragraph>
        <ApiKeysTable enterpriseId={id} page={keyPage.page} size={keyPage.size} setPage={(page, size) => setKeyPage({ page, size })} />
      </Card>
    </Space>
  );
}
