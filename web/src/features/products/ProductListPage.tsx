/** Product filings: an enterprise sees its own; departments see all, with filters kept in the URL. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../../app/auth';
import { productsApi } from '../../api/endpoints';
import { FILING_STATUSES, type ProductSummary } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime, fmtYuan } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { StatusTag } from '../../ui/StatusTag';
import { EnterprisePicker } from '../enterprises/EnterprisePicker';

const FILTERS = ['status', 'q', 'gcode', 'enterpriseId', 'sort'] as const;

export function ProductListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const isEnterprise = user.role === 'enterprise';
  const table = useUrlTable(FILTERS);
  const f = table.filters;
  const query = { ...f, sort: f.sort || 'newest', limit: table.limit, offset: table.offset };
  const list = useApi(() => productsApi.list(query), table.key);
  const filtered = FILTERS.some((k) => k !== 'sort' && f[k]);

  const columns: ColumnsType<ProductSummary> = [
    { title: t('product.field.itemNo'), dataIndex: 'itemNo', width: 140, render: (v: string, p) => <Link to={`/products/${p.id}`}>{v}</Link> },
    { title: t('product.field.itemName'), dataIndex: 'itemName' },
    ...(isEnterprise ? [] : [{ title: t('product.field.enterprise'), dataIndex: 'enterpriseName', render: (v: string | null, p: ProductSummary) => <Link to={`/enterprises/${p.enterpriseId}`}>{v ?? p.enterpriseId}</Link> }]),
    { title: t('product.field.gcode'), dataIndex: 'gcode', width: 120, render: (v: string) => <code>{v}</code> },
    { title: t('product.field.country'), dataIndex: 'country', width: 80 },
    { title: t('product.field.unit'), dataIndex: 'unit', width: 70 },
    { title: t('product.field.priceYuan'), dataIndex: 'price', width: 120, align: 'right', render: (v?: string) => fmtYuan(v) },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string) => <StatusTag status={s} /> },
    { title: t('common.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: fmtDateTime, sorter: true, sortOrder: f.sort === 'oldest' ? 'ascend' : 'descend', sortDirections: ['descend', 'ascend', 'descend'] },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => productsApi.list({ ...query, offset, limit }));
    downloadCsv(
      'products.csv',
      ['id', 'enterpriseId', 'enterpriseName', 'itemNo', 'itemName', 'gcode', 'gmodel', 'country', 'unit', 'price', 'barCode', 'status', 'version', 'updatedAt'],
      rows.map((p) => [p.id, p.enterpriseId, p.enterpriseName, p.itemNo, p.itemName, p.gcode, p.gmodel, p.country, p.unit, p.price, p.barCode, p.status, p.version, fmtDateTime(p.updatedAt)]),
    );
  };

  return (
    <Card
      title={isEnterprise ? t('nav.myProducts') : t('nav.products')}
      extra={
        isEnterprise ? (
          <Link to="/products/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="product-new">{t('product.new')}</Button>
          </Link>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('product.searchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 260 }} data-testid="filter-q" />
        <Input.Search key={`g-${f.gcode}`} defaultValue={f.gcode} allowClear placeholder={t('product.field.gcode')} onSearch={(v) => table.setFilters({ gcode: v.trim() })} style={{ width: 170 }} />
        <Select allowClear placeholder={t('common.status')} value={f.status || undefined} onChange={(v?: string) => table.setFilters({ status: v })} options={FILING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} style={{ width: 130 }} data-testid="filter-status" />
        {isEnterprise ? null : <EnterprisePicker value={f.enterpriseId || undefined} onChange={(id) => table.setFilters({ enterpriseId: id })} />}
        {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
        <ExportButton run={exportRows} />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<ProductSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1100 }}
        data-testid="product-table"
        onChange={(_, __, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const next = s?.order === 'ascend' ? 'oldest' : null;
          if ((next ?? '') !== f.sort) table.setFilters({ sort: next });
        }}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : isEnterprise ? t('product.emptyEnterprise') : t('product.empty')} /> }}
      />
    </Card>
  );
}
