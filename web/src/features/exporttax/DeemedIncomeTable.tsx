/** 核定征收: per enterprise and currency, the year's exports less returns, and the deemed income in CNY. */
import { Alert, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/errors';
import { fmtRate, fmtYuan } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { exportTaxApi, type DeemedIncomeRow } from './api';
import { queryOf, sumYuan, type TaxFilters } from './filters';

const CNY = '142';

export function DeemedIncomeTable({ filters, mine }: { filters: TaxFilters; mine: boolean }) {
  const { t } = useTranslation();
  const query = queryOf('deemed', filters);
  const r = useApi(() => exportTaxApi.deemedIncome(query), `deemed?${JSON.stringify(query)}`);
  const items = r.data?.items ?? [];
  const cny = items.filter((i) => i.currency === CNY);

  const money = (v: string | null) => fmtYuan(v);
  const columns: ColumnsType<DeemedIncomeRow> = [
    ...(mine ? [] : [{ title: t('exportTax.field.ebcCode'), dataIndex: 'ebcCode', width: 190, render: (v: string) => <code>{v}</code> }]),
    { title: t('exportTax.field.enterpriseName'), dataIndex: 'enterpriseName', width: 240, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: t('exportTax.field.currency'), key: 'currency', width: 90, render: (_: unknown, x) => x.currencyName ?? x.currency },
    { title: t('exportTax.field.exportAmount'), dataIndex: 'exportAmount', width: 150, align: 'right', render: money },
    { title: t('exportTax.field.returnedAmount'), dataIndex: 'returnedAmount', width: 140, align: 'right', render: money },
    { title: t('exportTax.field.taxableBase'), dataIndex: 'taxableBase', width: 150, align: 'right', render: money },
    {
      title: t('exportTax.field.deemedIncome'),
      dataIndex: 'deemedIncome',
      width: 170,
      align: 'right',
      render: (v: string | null) => (v === null ? <Typography.Text type="secondary">{t('exportTax.notConverted')}</Typography.Text> : <strong>{fmtYuan(v)}</strong>),
    },
  ];
  const lead = mine ? 2 : 3;

  return (
    <>
      {r.data ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('exportTax.rateNote', { rate: fmtRate(r.data.rate), year: r.data.year })} data-testid="deemed-rate" /> : null}
      {r.error ? <ErrorAlert error={r.error} onRetry={r.reload} /> : null}
      <Table<DeemedIncomeRow>
        rowKey={(x) => `${x.ebcCode}/${x.currency}`}
        size="middle"
        columns={columns}
        dataSource={items}
        loading={r.loading}
        scroll={{ x: mine ? 950 : 1140 }}
        data-testid="deemed-income-table"
        pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { count: n }) }}
        locale={{ emptyText: <Empty description={t('exportTax.empty.deemed')} /> }}
        summary={() =>
          cny.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={lead}>
                <strong>{t('exportTax.totalCny')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={lead} align="right">{fmtYuan(sumYuan(cny.map((i) => i.exportAmount)))}</Table.Summary.Cell>
              <Table.Summary.Cell index={lead + 1} align="right">{fmtYuan(sumYuan(cny.map((i) => i.returnedAmount)))}</Table.Summary.Cell>
              <Table.Summary.Cell index={lead + 2} align="right">{fmtYuan(sumYuan(cny.map((i) => i.taxableBase)))}</Table.Summary.Cell>
              <Table.Summary.Cell index={lead + 3} align="right">
                <strong>{fmtYuan(sumYuan(cny.map((i) => i.deemedIncome)))}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
