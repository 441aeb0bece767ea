/**
 * 出口清单 export lists: every export list (regulators, admin) or those an enterprise is a party to. Filters
 * (status, trade mode, A/B statistics flag, dates, free text) and paging in the URL, the four documents, the
 * arrival and departure flags, the summary a B-list went into, goods value with its currency, export.
 */
import { Button, Card, Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useUser } from '../../app/auth';
import { exportApi } from '../../api/endpoints';
import { EXPORT_STATUSES, EXPORT_TRADE_MODES, STATISTICS_FLAGS, type ExportListSummary } from '../../api/exportTypes';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { dayEnd, dayStart } from '../clearance/dates';
import { code, EXPORT_STATUS_WORDS, ExportDocIcons, ExportStatusTag, Money, MovementFlags } from './ExportStatus';

const FILTERS = ['status', 'tradeMode', 'statisticsFlag', 'from', 'to', 'q'] as const;

/** The detail page of a list; the agent's code tells two agents' lists of one copNo apart. */
export const listPath = (l: { copNo: string; agentCode: string | null }) => `/export/lists/${encodeURIComponent(l.copNo)}${l.agentCode ? `?agentCode=${encodeURIComponent(l.agentCode)}` : ''}`;

export function StatisticsFlag({ flag }: { flag: string | null }) {
  const { t } = useTranslation();
  if (!flag) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={t(`export.statisticsFlag.hint${flag}`, { defaultValue: '' })}>
      <Tag color={flag === 'B' ? 'geekblue' : 'default'} data-testid="statistics-flag" data-flag={flag}>
        {flag} {t(`export.statisticsFlag.${flag}`, { defaultValue: '' })}
      </Tag>
    </Tooltip>
  );
}

export function ExportListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const table = useUrlTable(FILTERS);
  const f = table.filters;
  const query = { ...f, from: dayStart(f.from), to: dayEnd(f.to), limit: table.limit, offset: table.offset };
  const list = useApi(() => exportApi.lists(query), table.key);
  const filtered = FILTERS.some((k) => f[k]);
  const mine = user.role === 'enterprise';
  const navigate = useNavigate();

  const columns: ColumnsType<ExportListSummary> = [
    {
      title: t('export.field.copNo'),
      dataIndex: 'copNo',
      width: 200,
      fixed: 'left',
      render: (v: string, l) => (
        <Space orientation="vertical" size={0}>
          <Link to={listPath(l)}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('export.field.agentCode')} {l.agentCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('export.field.invtNo'), dataIndex: 'invtNo', width: 190, render: code },
    { title: t('export.field.orderNo'), dataIndex: 'orderNo', width: 170, render: code },
    { title: t('export.field.tradeMode'), dataIndex: 'tradeMode', width: 80, render: code },
    { title: t('export.field.statisticsFlag'), dataIndex: 'statisticsFlag', width: 120, render: (v: string | null) => <StatisticsFlag flag={v} /> },
    { title: t('common.status'), dataIndex: 'status', width: 110, render: (s: string, l) => <ExportStatusTag status={s} statusText={l.statusText} cancelled={l.cancelled} /> },
    { title: t('export.field.documents'), dataIndex: 'documents', width: 120, render: (_: unknown, l) => <ExportDocIcons documents={l.documents} tradeMode={l.tradeMode} /> },
    { title: t('export.field.movement'), key: 'movement', width: 140, render: (_: unknown, l) => <MovementFlags arrived={l.arrived} departed={l.departed} /> },
    {
      title: t('export.field.summary'),
      key: 'summary',
      width: 200,
      render: (_: unknown, l) =>
        l.entryId || l.sumNo ? (
          <Space orientation="vertical" size={0}>
            {l.entryId ? <code data-testid="list-entry-id">{l.entryId}</code> : null}
            {l.sumNo ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('export.field.sumNo')} {l.sumNo}</Typography.Text> : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('export.field.goodsValue'), dataIndex: 'goodsValue', width: 130, align: 'right', render: (v: string | null, l) => <Money value={v} currency={l.currency} /> },
    { title: t('export.field.createdAt'), dataIndex: 'createdAt', width: 145, render: fmtDateTime },
    { title: t('export.field.ebcCode'), dataIndex: 'ebcCode', width: 115, render: code },
    { title: t('export.field.ebpCode'), dataIndex: 'ebpCode', width: 115, render: code },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => exportApi.lists({ ...query, offset, limit }));
    downloadCsv(
      'export-lists.csv',
      ['copNo', 'agentCode', 'invtNo', 'orderNo', 'tradeMode', 'statisticsFlag', 'status', 'cancelled', 'order', 'receipt', 'waybill', 'list', 'arrived', 'departed', 'billNo', 'sumNo', 'entryId', 'goodsValue', 'currency', 'ebpCode', 'ebcCode', 'createdAt', 'releasedAt'],
      rows.map((l) => [
        l.copNo, l.agentCode, l.invtNo, l.orderNo, l.tradeMode, l.statisticsFlag, l.status, l.cancelled ? 1 : 0,
        l.documents.order ? 1 : 0, l.documents.receipt ? 1 : 0, l.documents.waybill ? 1 : 0, l.documents.list ? 1 : 0,
        l.arrived ? 1 : 0, l.departed ? 1 : 0, l.billNo, l.sumNo, l.entryId, l.goodsValue, l.currency, l.ebpCode, l.ebcCode,
        fmtDateTime(l.createdAt), fmtDateTime(l.releasedAt),
      ]),
    );
  };

  return (
    <Card title={t(mine ? 'nav.myExportLists' : 'nav.exportLists')} extra={<ExportButton run={exportRows} />}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          key={`q-${f.q}`}
          defaultValue={f.q}
          allowClear
          placeholder={t('export.searchPlaceholder')}
          onSearch={(v) => table.setFilters({ q: v.trim() })}
          style={{ width: 280 }}
          data-testid="filter-q"
        />
        <Select
          allowClear
          placeholder={t('common.status')}
          value={f.status || undefined}
          onChange={(v?: string) => table.setFilters({ status: v })}
          options={EXPORT_STATUSES.map((s) => ({ value: s, label: `${s} ${t(`export.status.${EXPORT_STATUS_WORDS[s]}`)}` }))}
          style={{ width: 170 }}
          data-testid="filter-status"
        />
        <Select
          allowClear
          placeholder={t('export.field.tradeMode')}
          value={f.tradeMode || undefined}
          onChange={(v?: string) => table.setFilters({ tradeMode: v })}
          options={EXPORT_TRADE_MODES.map((m) => ({ value: m, label: `${m} ${t(`export.tradeMode.${m}`)}` }))}
          style={{ width: 200 }}
          data-testid="filter-trade-mode"
        />
        <Select
          allowClear
          placeholder={t('export.field.statisticsFlag')}
          value={f.statisticsFlag || undefined}
          onChange={(v?: string) => table.setFilters({ statisticsFlag: v })}
          options={STATISTICS_FLAGS.map((s) => ({ value: s, label: `${s} ${t(`export.statisticsFlag.${s}`)}` }))}
          style={{ width: 150 }}
          data-testid="filter-statistics-flag"
        />
        <Space.Compact>
          <Input type="date" value={f.from} onChange={(e) => table.setFilters({ from: e.target.value })} aria-label={t('export.filter.from')} title={t('export.filter.from')} style={{ width: 150 }} data-testid="filter-from" />
          <Input type="date" value={f.to} onChange={(e) => table.setFilters({ to: e.target.value })} aria-label={t('export.filter.to')} title={t('export.filter.to')} style={{ width: 150 }} data-testid="filter-to" />
        </Space.Compact>
        {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<ExportListSummary>
        rowKey={(l) => `${l.agentCode}/${l.copNo}`}
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1840 }}
        data-testid="export-lists-table"
        onRow={(l) =>
          ({
            'data-testid': `export-row-${l.copNo}`,
            style: { cursor: 'pointer' },
            // The whole row opens the list; links and copied text inside it keep their own behaviour.
            onClick: (e) => {
              if (!(e.target as HTMLElement).closest('a') && !window.getSelection()?.toString()) navigate(listPath(l));
            },
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : t(mine ? 'export.emptyMine' : 'export.empty')} /> }}
      />
    </Card>
  );
}
