/** The three tabs of a book's page: items with stock, entry records, and the ledger. Filters and paging in the URL. */
import { Button, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { bondedApi } from '../../api/endpoints';
import { MOVEMENT_KINDS, type BondedEntry, type BondedItem, type BondedMovement } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, type useUrlTable } from '../../ui/hooks';
import { fmtQty } from './qty';

export const TAB_FILTERS = ['tab', 'q', 'inStock', 'item', 'kind', 'ref', 'from', 'to'] as const;
type TableState = ReturnType<typeof useUrlTable<(typeof TAB_FILTERS)[number]>>;
interface TabProps {
  emsNo: string;
  table: TableState;
  /** Changes when the book changed (an item added, an entry posted): reload. */
  tick: number;
}

const right = { align: 'right' as const };

export function ItemsTab({ emsNo, table, tick }: TabProps) {
  const { t } = useTranslation();
  const f = table.filters;
  const query = { q: f.q, inStock: f.inStock || undefined, limit: table.limit, offset: table.offset };
  const list = useApi(() => bondedApi.items(emsNo, query), `${emsNo}:${table.key}:${tick}`);
  const openLedger = (itemRecordNo: string) => table.setFilters({ tab: 'ledger', item: itemRecordNo, q: null, inStock: null });

  const columns: ColumnsType<BondedItem> = [
    { title: t('bonded.field.itemRecordNo'), dataIndex: 'itemRecordNo', width: 110, render: (v: string) => <code>{v}</code> },
    { title: t('bonded.field.goodsName'), dataIndex: 'goodsName' },
    { title: t('bonded.field.gcode'), dataIndex: 'gcode', width: 120, render: (v: string) => <code>{v}</code> },
    { title: t('bonded.field.unit'), dataIndex: 'unit', width: 80 },
    { title: t('bonded.field.stock'), dataIndex: 'stock', width: 150, ...right, render: (v: string) => <span data-testid="item-stock" data-value={v} style={{ fontVariantNumeric: 'tabular-nums' }}>{fmtQty(v)}</span> },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: fmtDateTime },
    { title: t('common.actions'), key: 'actions', width: 110, render: (_, i) => <a onClick={() => openLedger(i.itemRecordNo)}>{t('bonded.viewLedger')}</a> },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => bondedApi.items(emsNo, { ...query, offset, limit }));
    downloadCsv(`${emsNo}-items.csv`, ['itemRecordNo', 'goodsName', 'gcode', 'unit', 'stock', 'updatedAt'], rows.map((i) => [i.itemRecordNo, i.goodsName, i.gcode, i.unit, i.stock, fmtDateTime(i.updatedAt)]));
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('bonded.itemSearch')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 260 }} data-testid="filter-q" />
        <Select
          allowClear
          placeholder={t('bonded.field.stock')}
          value={f.inStock || undefined}
          onChange={(v?: string) => table.setFilters({ inStock: v })}
          options={[{ value: 'true', label: t('bonded.inStock') }, { value: 'false', label: t('bonded.outOfStock') }]}
          style={{ width: 140 }}
          data-testid="filter-in-stock"
        />
        <ExportButton run={exportRows} />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<BondedItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 900 }}
        data-testid="item-table"
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={f.q || f.inStock ? t('common.emptyFiltered') : t('bonded.emptyItems')} /> }}
      />
    </>
  );
}

export function EntriesTab({ emsNo, table, tick }: TabProps) {
  const { t } = useTranslation();
  const f = table.filters;
  const list = useApi(() => bondedApi.entries(emsNo, { entryNo: f.ref, limit: table.limit, offset: table.offset }), `${emsNo}:${table.key}:${tick}`);
  const columns: ColumnsType<BondedEntry> = [
    { title: t('bonded.field.entryNo'), dataIndex: 'entryNo', render: (v: string) => <code>{v}</code> },
    { title: t('bonded.field.entryDate'), dataIndex: 'entryDate', width: 120 },
    { title: t('bonded.field.lineCount'), key: 'lines', width: 90, ...right, render: (_, e) => e.lines.length },
    { title: t('common.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    { title: t('bonded.field.postedBy'), dataIndex: 'createdBy', width: 160 },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: fmtDateTime },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`ref-${f.ref}`} defaultValue={f.ref} allowClear placeholder={t('bonded.field.entryNo')} onSearch={(v) => table.setFilters({ ref: v.trim() })} style={{ width: 260 }} />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<BondedEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        data-testid="entry-table"
        expandable={{
          expandedRowRender: (e) => (
            <Table
              rowKey="lineNo"
              size="small"
              pagination={false}
              dataSource={e.lines}
              columns={[
                { title: '#', dataIndex: 'lineNo', width: 60 },
                { title: t('bonded.field.itemRecordNo'), dataIndex: 'itemRecordNo', render: (v: string) => <code>{v}</code> },
                { title: t('bonded.field.qty'), dataIndex: 'qty', ...right, render: (v: string) => fmtQty(v) },
              ]}
            />
          ),
        }}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={f.ref ? t('common.emptyFiltered') : t('bonded.emptyEntries')} /> }}
      />
    </>
  );
}

function kindTag(m: BondedMovement, t: TFunction) {
  const color = m.kind === 'entry' ? 'blue' : m.kind === 'take' ? 'volcano' : 'green';
  const text = m.kind === 'give_back' && m.reason ? `${t('bonded.kind.give_back')} · ${t(`bonded.reason.${m.reason}`, { defaultValue: m.reason })}` : t(`bonded.kind.${m.kind}`);
  return <Tag color={color} data-testid="movement-kind" data-kind={m.kind}>{text}</Tag>;
}

export function LedgerTab({ emsNo, table, tick }: TabProps) {
  const { t } = useTranslation();
  const f = table.filters;
  const query = { itemRecordNo: f.item, kind: f.kind, ref: f.ref, from: f.from, to: f.to, limit: table.limit, offset: table.offset };
  const list = useApi(() => bondedApi.ledger(emsNo, query), `${emsNo}:${table.key}:${tick}`);
  const filtered = !!(f.item || f.kind || f.ref || f.from || f.to);

  const columns: ColumnsType<BondedMovement> = [
    { title: t('bonded.field.at'), dataIndex: 'at', width: 150, render: fmtDateTime },
    { title: t('bonded.field.kind'), dataIndex: 'kind', width: 150, render: (_, m) => kindTag(m, t) },
    { title: t('bonded.field.ref'), dataIndex: 'ref', render: (v: string, m) => <Space size={4}><code>{v}</code><Typography.Text type="secondary">#{m.line}</Typography.Text></Space> },
    { title: t('bonded.field.itemRecordNo'), dataIndex: 'itemRecordNo', width: 100, render: (v: string) => <code>{v}</code> },
    {
      title: t('bonded.field.change'),
      dataIndex: 'qty',
      width: 130,
      ...right,
      render: (v: string) => <Typography.Text type={v.startsWith('-') ? 'danger' : 'success'} style={{ fontVariantNumeric: 'tabular-nums' }}>{v.startsWith('-') ? fmtQty(v) : `+${fmtQty(v)}`}</Typography.Text>,
    },
    { title: t('bonded.field.stockAfter'), dataIndex: 'stockAfter', width: 130, ...right, render: (v: string) => fmtQty(v) },
    { title: t('bonded.field.actor'), dataIndex: 'actor', width: 150 },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => bondedApi.ledger(emsNo, { ...query, offset, limit }));
    downloadCsv(`${emsNo}-ledger.csv`, ['seq', 'at', 'kind', 'reason', 'ref', 'line', 'itemRecordNo', 'qty', 'stockAfter', 'actor'], rows.map((m) => [m.seq, fmtDateTime(m.at), m.kind, m.reason, m.ref, m.line, m.itemRecordNo, m.qty, m.stockAfter, m.actor]));
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`item-${f.item}`} defaultValue={f.item} allowClear placeholder={t('bonded.field.itemRecordNo')} onSearch={(v) => table.setFilters({ item: v.trim() })} style={{ width: 160 }} data-testid="filter-item" />
        <Select allowClear placeholder={t('bonded.field.kind')} value={f.kind || undefined} onChange={(v?: string) => table.setFilters({ kind: v })} options={MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`bonded.kind.${k}`) }))} style={{ width: 140 }} data-testid="filter-kind" />
        <Input.Search key={`ref-${f.ref}`} defaultValue={f.ref} allowClear placeholder={t('bonded.field.ref')} onSearch={(v) => table.setFilters({ ref: v.trim() })} style={{ width: 220 }} data-testid="filter-ref" />
        <Input type="date" value={f.from} onChange={(e) => table.setFilters({ from: e.target.value })} style={{ width: 150 }} aria-label={t('bonded.from')} data-testid="filter-from" />
        <Input type="date" value={f.to} onChange={(e) => table.setFilters({ to: e.target.value })} style={{ width: 150 }} aria-label={t('bonded.to')} data-testid="filter-to" />
        {filtered ? <Button onClick={() => table.setFilters({ item: null, kind: null, ref: null, from: null, to: null })}>{t('action.resetFilters')}</Button> : null}
        <ExportButton run={exportRows} />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<BondedMovement>
        rowKey="seq"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1000 }}
        data-testid="ledger-table"
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : t('bonded.emptyLedger')} /> }}
      />
    </>
  );
}
