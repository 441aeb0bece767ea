/** 无票免税 records: each exported goods line with date, goods name, unit, quantity, unit price and amount. */
import { Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/errors';
import { fmtYuan } from '../../ui/format';
import { tablePagination, useApi } from '../../ui/hooks';
import { exportTaxApi, type TaxRecord } from './api';
import { queryOf, type TaxFilters } from './filters';

interface Props {
  filters: TaxFilters;
  paging: { page: number; size: number; limit: number; offset: number; setPage: (p: number, s: number) => void; key: string };
  mine: boolean;
}

export function RecordsTable({ filters, paging, mine }: Props) {
  const { t } = useTranslation();
  const query = { ...queryOf('records', filters), limit: paging.limit, offset: paging.offset };
  const list = useApi(() => exportTaxApi.records(query), `records?${paging.key}`);

  const columns: ColumnsType<TaxRecord> = [
    { title: t('exportTax.field.date'), dataIndex: 'date', width: 110, fixed: 'left' },
    {
      title: t('exportTax.field.source'),
      dataIndex: 'source',
      width: 120,
      render: (s: TaxRecord['source']) => <Tag color={s === 'list' ? 'blue' : 'geekblue'}>{t(`exportTax.source.${s}`)}</Tag>,
    },
    {
      title: t('exportTax.field.number'),
      key: 'number',
      width: 210,
      render: (_: unknown, r) => (
        <span>
          <code>{r.invtNo ?? r.entryId}</code>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            {t('exportTax.field.gnum')} {r.gnum}
          </Typography.Text>
        </span>
      ),
    },
    ...(mine ? [] : [{ title: t('exportTax.field.ebcCode'), dataIndex: 'ebcCode', width: 190, render: (v: string) => <code>{v}</code> }]),
    { title: t('exportTax.field.goodsName'), dataIndex: 'goodsName', width: 220 },
    { title: t('exportTax.field.gcode'), dataIndex: 'gcode', width: 120, render: (v: string) => <code>{v}</code> },
    { title: t('exportTax.field.unit'), key: 'unit', width: 90, render: (_: unknown, r) => (r.unitName ? `${r.unitName} (${r.unit})` : r.unit) },
    { title: t('exportTax.field.qty'), dataIndex: 'qty', width: 100, align: 'right' },
    { title: t('exportTax.field.unitPrice'), dataIndex: 'unitPrice', width: 120, align: 'right', render: (v: string) => fmtYuan(v) },
    { title: t('exportTax.field.amount'), dataIndex: 'amount', width: 130, align: 'right', render: (v: string) => fmtYuan(v) },
    { title: t('exportTax.field.currency'), key: 'currency', width: 90, render: (_: unknown, r) => r.currencyName ?? r.currency },
    {
      title: t('exportTax.field.returned'),
      dataIndex: 'returned',
      width: 120,
      render: (v: boolean, r) => (v ? <Tag color="orange">{t('exportTax.returnedQty', { qty: r.returnedQty })}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];

  return (
    <>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<TaxRecord>
        rowKey={(r) => `${r.source}/${r.invtNo ?? r.entryId}/${r.gnum}`}
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: mine ? 1450 : 1640 }}
        data-testid="tax-records-table"
        pagination={tablePagination(paging, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={t('exportTax.empty.records')} /> }}
      />
    </>
  );
}
