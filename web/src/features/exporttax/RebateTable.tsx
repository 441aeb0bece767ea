/** Declarations for rebate: summary declarations and B2B declarations, goods value, returns, proceeds collected. */
import { Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/errors';
import { fmtYuan } from '../../ui/format';
import { tablePagination, useApi } from '../../ui/hooks';
import { exportTaxApi, type RebateDeclaration } from './api';
import { queryOf, type TaxFilters } from './filters';

interface Props {
  filters: TaxFilters;
  paging: { page: number; size: number; limit: number; offset: number; setPage: (p: number, s: number) => void; key: string };
  mine: boolean;
}

export function RebateTable({ filters, paging, mine }: Props) {
  const { t } = useTranslation();
  const query = { ...queryOf('rebate', filters), limit: paging.limit, offset: paging.offset };
  const list = useApi(() => exportTaxApi.rebate(query), `rebate?${paging.key}`);
  const money = (v: string) => fmtYuan(v);

  const columns: ColumnsType<RebateDeclaration> = [
    { title: t('exportTax.field.entryId'), dataIndex: 'entryId', width: 200, fixed: 'left', render: (v: string) => <code>{v}</code> },
    {
      title: t('exportTax.field.source'),
      dataIndex: 'source',
      width: 140,
      render: (s: RebateDeclaration['source']) => <Tag color={s === 'summary' ? 'blue' : 'geekblue'}>{t(`exportTax.source.${s}`)}</Tag>,
    },
    ...(mine ? [] : [{ title: t('exportTax.field.ebcCode'), dataIndex: 'ebcCode', width: 190, render: (v: string) => <code>{v}</code> }]),
    { title: t('exportTax.field.declDate'), dataIndex: 'date', width: 110 },
    { title: t('exportTax.field.currency'), key: 'currency', width: 90, render: (_: unknown, r) => r.currencyName ?? r.currency },
    { title: t('exportTax.field.goodsValue'), dataIndex: 'goodsValue', width: 140, align: 'right', render: money },
    {
      title: t('exportTax.field.returnedAmount'),
      dataIndex: 'returned',
      width: 130,
      align: 'right',
      render: (v: string) => (v === '0.00' ? <Typography.Text type="secondary">—</Typography.Text> : fmtYuan(v)),
    },
    { title: t('exportTax.field.collected'), dataIndex: 'collected', width: 140, align: 'right', render: money },
    {
      title: t('exportTax.field.fullyCollected'),
      dataIndex: 'fullyCollected',
      width: 130,
      render: (v: boolean) => <Tag color={v ? 'green' : 'orange'}>{t(v ? 'exportTax.collectedYes' : 'exportTax.collectedNo')}</Tag>,
    },
  ];

  return (
    <>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<RebateDeclaration>
        rowKey={(r) => `${r.source}/${r.entryId}`}
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: mine ? 1080 : 1270 }}
        data-testid="rebate-table"
        pagination={tablePagination(paging, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={t('exportTax.empty.rebate')} /> }}
      />
    </>
  );
}
