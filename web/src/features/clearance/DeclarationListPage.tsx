/**
 * 清单 declarations: every import list (regulators, admin) or the lists an enterprise is a party to; filters
 * in the URL, server-side paging, status tags, the four documents at a glance, amounts right-aligned, export.
 */
import { Card, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../../app/auth';
import { clearanceApi } from '../../api/endpoints';
import type { DeclarationSummary } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime, fmtYuan } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { dayEnd, dayStart } from './dates';
import { DECL_FILTERS, DeclarationFilters } from './DeclarationFilters';
import { DeclStatusTag, DocIcons } from './DeclStatus';

const code = (v: string | null) => (v ? <code>{v}</code> : <Typography.Text type="secondary">—</Typography.Text>);

export function DeclarationListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const table = useUrlTable(DECL_FILTERS);
  const f = table.filters;
  const query = { ...f, from: dayStart(f.from), to: dayEnd(f.to), limit: table.limit, offset: table.offset };
  const list = useApi(() => clearanceApi.declarations(query), table.key);
  const filtered = DECL_FILTERS.some((k) => f[k]);
  const mine = user.role === 'enterprise';

  const columns: ColumnsType<DeclarationSummary> = [
    {
      title: t('decl.field.copNo'),
      dataIndex: 'copNo',
      width: 200,
      fixed: 'left',
      render: (v: string, d) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/declarations/${encodeURIComponent(v)}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('decl.field.orderNo')} {d.orderNo}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string, d) => <DeclStatusTag status={s} statusText={d.statusText} /> },
    { title: t('decl.field.documents'), dataIndex: 'documents', width: 120, render: (_: unknown, d) => <DocIcons documents={d.documents} /> },
    { title: t('decl.field.tradeMode'), dataIndex: 'tradeMode', width: 80, render: code },
    { title: t('decl.field.dutiablePrice'), dataIndex: 'dutiablePrice', width: 120, align: 'right', render: (v: string | null) => fmtYuan(v) },
    { title: t('decl.field.taxTotal'), dataIndex: 'taxTotal', width: 110, align: 'right', render: (v: string | null) => fmtYuan(v) },
    { title: t('decl.field.createdAt'), dataIndex: 'createdAt', width: 145, render: fmtDateTime },
    { title: t('decl.field.decidedAt'), dataIndex: 'decidedAt', width: 145, render: fmtDateTime },
    { title: t('decl.field.ebcCode'), dataIndex: 'ebcCode', width: 115, render: code },
    { title: t('decl.field.agentCode'), dataIndex: 'agentCode', width: 115, render: code },
    { title: t('decl.field.ebpCode'), dataIndex: 'ebpCode', width: 115, render: code },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => clearanceApi.declarations({ ...query, offset, limit }));
    downloadCsv(
      'declarations.csv',
      ['copNo', 'orderNo', 'status', 'statusText', 'tradeMode', 'ebpCode', 'ebcCode', 'agentCode', 'order', 'payment', 'waybill', 'list', 'dutiablePrice', 'taxTotal', 'createdAt', 'decidedAt'],
      rows.map((d) => [
        d.copNo, d.orderNo, d.status, d.statusText, d.tradeMode, d.ebpCode, d.ebcCode, d.agentCode,
        d.documents.order ? 1 : 0, d.documents.payment ? 1 : 0, d.documents.waybill ? 1 : 0, d.documents.list ? 1 : 0,
        d.dutiablePrice, d.taxTotal, fmtDateTime(d.createdAt), fmtDateTime(d.decidedAt),
      ]),
    );
  };

  return (
    <Card title={t(mine ? 'nav.myDeclarations' : 'nav.declarations')} extra={<ExportButton run={exportRows} />}>
      <DeclarationFilters filters={f} set={table.setFilters} reset={table.reset} showEnterprise={!mine} />
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<DeclarationSummary>
        rowKey={(d) => `${d.agentCode ?? ''}/${d.copNo}`}
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1370 }}
        data-testid="declarations-table"
        onRow={(d) => ({ 'data-testid': `declaration-row-${d.copNo}` }) as HTMLAttributes<HTMLElement>}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : t(mine ? 'decl.emptyMine' : 'decl.empty')} /> }}
      />
    </Card>
  );
}
