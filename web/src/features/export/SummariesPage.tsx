/**
 * 汇总申报 summary declarations. Due and Overdue: groups of released, departed B-lists waiting to be
 * summarised (same consignor, agent, customs and port, destination, transport mode, currency and month),
 * with their deadline; the group's declaring agent applies from here. Done: the summaries made, each with
 * its customs declaration number (entryId) and its items. The tab, filters and page live in the URL.
 */
import { Badge, Button, Card, Empty, Input, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { exportApi } from '../../api/endpoints';
import type { ExportSummary, SummaryGroup, SummaryItem } from '../../api/exportTypes';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { code, Money } from './ExportStatus';
import { SummaryApplyModal } from './SummaryApplyModal';
import { useMyEnterprise } from './useMyEnterprise';

const FILTERS = ['tab', 'q', 'period', 'enterprise'] as const;
type Tab = 'due' | 'overdue' | 'done';
const TABS: Tab[] = ['due', 'overdue', 'done'];
type UrlTable = ReturnType<typeof useUrlTable<(typeof FILTERS)[number]>>;

/** Days from today (Asia/Shanghai) to a YYYY-MM-DD deadline; negative once it has passed. */
function daysLeft(deadline: string, now = Date.now()): number {
  const today = new Date(new Date(now).toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }));
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const [y, m, d] = deadline.split('-').map(Number);
  return Math.round((Date.UTC(y!, m! - 1, d!) - start) / 86_400_000);
}

function Deadline({ group }: { group: SummaryGroup }) {
  const { t } = useTranslation();
  const left = daysLeft(group.deadline);
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text type={group.overdue ? 'danger' : left <= 3 ? 'warning' : undefined} strong={group.overdue} data-testid="group-deadline">
        {group.deadline}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {group.overdue ? t('export.summary.overdueBy', { count: Math.max(1, -left) }) : t('export.summary.daysLeft', { count: Math.max(0, left) })}
      </Typography.Text>
    </Space>
  );
}

function GroupsTable({ groups, loading, overdue, myCodes, canApply, onApply }: { groups: SummaryGroup[]; loading: boolean; overdue: boolean; myCodes: string[]; canApply: boolean; onApply: (g: SummaryGroup) => void }) {
  const { t } = useTranslation();
  const rows = groups.filter((g) => g.overdue === overdue);
  const columns: ColumnsType<SummaryGroup> = [
    {
      title: t('export.field.consignor'),
      dataIndex: 'ebcCode',
      width: 150,
      fixed: 'left',
      render: (v: string, g) => (
        <Space orientation="vertical" size={0}>
          <code>{v}</code>
          {g.ownerCode && g.ownerCode !== v ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('export.field.ownerCode')} {g.ownerCode}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('export.field.agentCode'), dataIndex: 'agentCode', width: 120, render: code },
    { title: t('export.field.customsPort'), key: 'customs', width: 120, render: (_: unknown, g) => <code>{g.customsCode} / {g.portCode}</code> },
    { title: t('export.field.country'), dataIndex: 'country', width: 100, render: code },
    { title: t('export.field.trafMode'), dataIndex: 'trafMode', width: 100, render: code },
    { title: t('export.summary.period'), dataIndex: 'period', width: 90 },
    { title: t('export.summary.deadline'), dataIndex: 'deadline', width: 130, render: (_: string, g) => <Deadline group={g} /> },
    { title: t('export.summary.lists'), dataIndex: 'lists', width: 90, align: 'right' },
    { title: t('export.field.goodsValue'), dataIndex: 'goodsValue', width: 140, align: 'right', render: (v: string, g) => <Money value={v} currency={g.currency} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, g) =>
        canApply && myCodes.includes(g.agentCode) ? (
          <Button type="primary" size="small" danger={g.overdue} onClick={() => onApply(g)} data-testid="summary-apply">
            {t('export.summary.apply')}
          </Button>
        ) : (
          <Tooltip title={t('export.summary.agentApplies', { agent: g.agentCode })}>
            <Typography.Text type="secondary">{t('export.summary.awaitingAgent')}</Typography.Text>
          </Tooltip>
        ),
    },
  ];
  return (
    <Table<SummaryGroup>
      rowKey="groupKey"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: 1290 }}
      data-testid={`summary-groups-${overdue ? 'overdue' : 'due'}`}
      onRow={(g) => ({ 'data-testid': `summary-group-${g.groupKey}`, 'data-agent': g.agentCode, 'data-ebc': g.ebcCode }) as HTMLAttributes<HTMLElement>}
      pagination={false}
      locale={{ emptyText: <Empty description={t(overdue ? 'export.summary.emptyOverdue' : 'export.summary.emptyDue')} /> }}
    />
  );
}

function ItemsTable({ items, currency }: { items: SummaryItem[]; currency: string }) {
  const { t } = useTranslation();
  const columns: ColumnsType<SummaryItem> = [
    { title: t('export.line.gcode'), dataIndex: 'gcode', width: 130, render: (v: string) => <code>{v}</code> },
    { title: t('export.summary.itemName'), dataIndex: 'name' },
    { title: t('export.line.qty'), dataIndex: 'qty', width: 110, align: 'right' },
    { title: t('export.line.unit'), dataIndex: 'unit', width: 80 },
    { title: t('export.summary.itemValue'), dataIndex: 'value', width: 150, align: 'right', render: (v: string) => <Money value={v} currency={currency} /> },
  ];
  return <Table<SummaryItem> rowKey={(i) => `${i.gcode}/${i.name}/${i.unit}`} size="small" pagination={false} columns={columns} dataSource={items} data-testid="summary-items" />;
}

function DoneTab({ table, tick, regulator }: { table: UrlTable; tick: number; regulator: boolean }) {
  const { t } = useTranslation();
  const f = table.filters;
  const query = { q: f.q, period: f.period, enterprise: f.enterprise, limit: table.limit, offset: table.offset };
  const list = useApi(() => exportApi.summaries(query), `${table.key}:${tick}`);
  const filtered = !!(f.q || f.period || f.enterprise);

  const columns: ColumnsType<ExportSummary> = [
    {
      title: t('export.field.entryId'),
      dataIndex: 'entryId',
      width: 200,
      fixed: 'left',
      render: (v: string, s) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text copyable={{ text: v }} strong data-testid="summary-entry-id"><code>{v}</code></Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('export.field.sumNo')} {s.sumNo}</Typography.Text>
        </Space>
      ),
    },
    { title: t('export.field.decState'), dataIndex: 'decState', width: 100, render: (v: string) => <Tag color="green" data-testid="summary-dec-state">{v}</Tag> },
    { title: t('export.field.consignor'), dataIndex: 'ebcCode', width: 120, render: code },
    { title: t('export.field.agentCode'), dataIndex: 'agentCode', width: 120, render: code },
    { title: t('export.field.customsPort'), key: 'customs', width: 120, render: (_: unknown, s) => <code>{s.customsCode} / {s.portCode}</code> },
    { title: t('export.field.country'), dataIndex: 'country', width: 90, render: code },
    { title: t('export.field.trafMode'), dataIndex: 'trafMode', width: 90, render: code },
    { title: t('export.summary.period'), dataIndex: 'period', width: 90 },
    { title: t('export.summary.lists'), dataIndex: 'lists', width: 80, align: 'right' },
    { title: t('export.summary.items'), dataIndex: 'items', width: 80, align: 'right', render: (items: SummaryItem[]) => items.length },
    { title: t('export.field.goodsValue'), dataIndex: 'goodsValue', width: 140, align: 'right', render: (v: string, s) => <Money value={v} currency={s.currency} /> },
    { title: t('export.summary.createdAt'), dataIndex: 'createdAt', width: 145, render: fmtDateTime },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => exportApi.summaries({ ...query, offset, limit }));
    downloadCsv(
      'export-summaries.csv',
      ['entryId', 'sumNo', 'copNo', 'declSeqNo', 'decState', 'ebcCode', 'agentCode', 'customsCode', 'portCode', 'country', 'trafMode', 'currency', 'period', 'lists', 'goodsValue', 'createdAt', 'gcode', 'name', 'qty', 'unit', 'value'],
      rows.flatMap((s) => {
        const head = [s.entryId, s.sumNo, s.copNo, s.declSeqNo, s.decState, s.ebcCode, s.agentCode, s.customsCode, s.portCode, s.country, s.trafMode, s.currency, s.period, s.lists, s.goodsValue, fmtDateTime(s.createdAt)];
        return s.items.length ? s.items.map((i) => [...head, i.gcode, i.name, i.qty, i.unit, i.value]) : [[...head, '', '', '', '', '']];
      }),
    );
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('export.summary.searchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 280 }} data-testid="filter-q" />
        <Input type="month" value={f.period} onChange={(e) => table.setFilters({ period: e.target.value })} aria-label={t('export.summary.period')} title={t('export.summary.period')} style={{ width: 160 }} data-testid="filter-period" />
        {regulator ? (
          <Input.Search key={`e-${f.enterprise}`} defaultValue={f.enterprise} allowClear placeholder={t('export.filter.enterprise')} onSearch={(v) => table.setFilters({ enterprise: v.trim() })} maxLength={18} style={{ width: 200 }} data-testid="filter-enterprise" />
        ) : null}
        {filtered ? <Button onClick={() => table.setFilters({ q: null, period: null, enterprise: null })}>{t('action.resetFilters')}</Button> : null}
        <ExportButton run={exportRows} />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<ExportSummary>
        rowKey="sumNo"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1480 }}
        data-testid="summaries-table"
        onRow={(s) => ({ 'data-testid': `summary-row-${s.sumNo}`, 'data-entry-id': s.entryId }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (s) => <ItemsTable items={s.items} currency={s.currency} />, rowExpandable: (s) => s.items.length > 0 }}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : t('export.summary.emptyDone')} /> }}
      />
    </>
  );
}

export function SummariesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const me = useMyEnterprise();
  const table = useUrlTable(FILTERS, { tab: 'due' });
  const tab = (TABS.includes(table.filters.tab as Tab) ? table.filters.tab : 'due') as Tab;
  const due = useApi(() => exportApi.summariesDue(), 'summaries-due');
  const [applying, setApplying] = useState<SummaryGroup | null>(null);
  const [tick, setTick] = useState(0);
  const [moved, setMoved] = useState(false);
  const groups = due.data?.items ?? [];
  const count = (overdue: boolean) => groups.filter((g) => g.overdue === overdue).length;

  const switchTab = (k: string) => table.setFilters({ tab: k === 'due' ? null : k, q: null, period: null, enterprise: null });
  const label = (k: Tab, n?: number, danger = false) => (
    <span data-testid={`summary-tab-${k}`}>
      {t(`export.summary.tab.${k}`)}
      {n !== undefined ? <Badge count={n} showZero color={danger && n ? '#ff4d4f' : '#bfbfbf'} style={{ marginInlineStart: 6 }} /> : null}
    </span>
  );
  const groupsTab = (overdue: boolean) => (
    <>
      {due.error ? <ErrorAlert error={due.error} onRetry={due.reload} /> : null}
      <GroupsTable groups={groups} loading={due.loading} overdue={overdue} myCodes={me ? [me.customsCode, me.uscc] : []} canApply={can(user.role, 'export.summary.apply')} onApply={setApplying} />
    </>
  );

  return (
    <Card title={t('nav.exportSummaries')} extra={<Typography.Text type="secondary">{t('export.summary.intro')}</Typography.Text>}>
      <Tabs
        activeKey={tab}
        onChange={switchTab}
        items={[
          { key: 'due', label: label('due', due.data ? count(false) : undefined), children: tab === 'due' ? groupsTab(false) : null },
          { key: 'overdue', label: label('overdue', due.data ? count(true) : undefined, true), children: tab === 'overdue' ? groupsTab(true) : null },
          { key: 'done', label: label('done'), children: tab === 'done' ? <DoneTab table={table} tick={tick} regulator={user.role !== 'enterprise'} /> : null },
        ]}
      />
      <SummaryApplyModal
        group={applying}
        onDone={() => {
          setMoved(true);
          due.reload();
          setTick((n) => n + 1);
        }}
        onClose={() => {
          setApplying(null);
          if (moved) {
            setMoved(false);
            switchTab('done');
          }
        }}
      />
    </Card>
  );
}
