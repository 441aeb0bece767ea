/**
 * B2B 报关单: customs declarations of 9710 (B2B direct export) and 9810 (export to overseas warehouses)
 * goods, each carrying attached document 10000004 (the platform order or booking number) that customs
 * matches against what the platform filed. Filters and paging in the URL; a declaring agent files new ones.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { exportApi } from '../../api/endpoints';
import { B2B_TRADE_MODES, MATCH_STATUSES, type ExportEntrySummary } from '../../api/exportTypes';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { code, ExportStatusTag, Money } from './ExportStatus';
import { MatchTag } from './MatchTag';
import { useMyEnterprise } from './useMyEnterprise';

const FILTERS = ['tradeMode', 'matchStatus', 'q'] as const;

export function EntryListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const me = useMyEnterprise();
  const navigate = useNavigate();
  const table = useUrlTable(FILTERS);
  const f = table.filters;
  const query = { ...f, limit: table.limit, offset: table.offset };
  const list = useApi(() => exportApi.entries(query), table.key);
  const filtered = FILTERS.some((k) => f[k]);
  // The server lets a declaring agent file; the button shows for enterprises filed as one.
  const canFile = can(user.role, 'export.entry.file') && !!me?.roles.includes('agent');

  const columns: ColumnsType<ExportEntrySummary> = [
    {
      title: t('export.field.entryId'),
      dataIndex: 'entryId',
      width: 200,
      fixed: 'left',
      render: (v: string, e) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/export/entries/${encodeURIComponent(v)}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('export.field.copNo')} {e.copNo}</Typography.Text>
        </Space>
      ),
    },
    { title: t('export.field.tradeMode'), dataIndex: 'tradeMode', width: 150, render: (v: string) => <span><code>{v}</code> {t(`export.tradeMode.${v}`, { defaultValue: '' })}</span> },
    { title: t('export.entry.attachedNo'), dataIndex: 'attachedNo', width: 190, render: code },
    { title: t('export.entry.match'), dataIndex: 'matchStatus', width: 110, render: (v: string) => <MatchTag status={v} /> },
    { title: t('common.status'), dataIndex: 'status', width: 110, render: (v: string) => <ExportStatusTag status={v} /> },
    { title: t('export.field.goodsValue'), dataIndex: 'goodsValue', width: 140, align: 'right', render: (v: string, e) => <Money value={v} currency={e.currency} /> },
    { title: t('export.field.ebcCode'), dataIndex: 'ebcCode', width: 120, render: code },
    { title: t('export.field.agentCode'), dataIndex: 'agentCode', width: 120, render: code },
    { title: t('export.field.createdAt'), dataIndex: 'createdAt', width: 145, render: fmtDateTime },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => exportApi.entries({ ...query, offset, limit }));
    downloadCsv(
      'export-entries.csv',
      ['entryId', 'copNo', 'tradeMode', 'attachedNo', 'matchStatus', 'status', 'goodsValue', 'currency', 'ebcCode', 'agentCode', 'createdAt'],
      rows.map((e) => [e.entryId, e.copNo, e.tradeMode, e.attachedNo, e.matchStatus, e.status, e.goodsValue, e.currency, e.ebcCode, e.agentCode, fmtDateTime(e.createdAt)]),
    );
  };

  return (
    <Card
      title={t('nav.exportEntries')}
      extra={
        <Space>
          {canFile ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/export/entries/new')} data-testid="entry-new">
              {t('export.entry.new')}
            </Button>
          ) : null}
          <ExportButton run={exportRows} />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('export.entry.searchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 280 }} data-testid="filter-q" />
        <Select
          allowClear
          placeholder={t('export.field.tradeMode')}
          value={f.tradeMode || undefined}
          onChange={(v?: string) => table.setFilters({ tradeMode: v })}
          options={B2B_TRADE_MODES.map((m) => ({ value: m, label: `${m} ${t(`export.tradeMode.${m}`)}` }))}
          style={{ width: 220 }}
          data-testid="filter-trade-mode"
        />
        <Select
          allowClear
          placeholder={t('export.entry.match')}
          value={f.matchStatus || undefined}
          onChange={(v?: string) => table.setFilters({ matchStatus: v })}
          options={MATCH_STATUSES.map((m) => ({ value: m, label: t(`export.match.${m}`) }))}
          style={{ width: 150 }}
          data-testid="filter-match-status"
        />
        {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<ExportEntrySummary>
        rowKey="entryId"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1290 }}
        data-testid="export-entries-table"
        onRow={(e) => ({ 'data-testid': `entry-row-${e.entryId}` }) as HTMLAttributes<HTMLElement>}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : t(canFile ? 'export.entry.emptyAgent' : 'export.entry.empty')} /> }}
      />
    </Card>
  );
}
