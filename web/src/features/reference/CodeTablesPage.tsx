/** Code tables (countries, currencies, units, customs districts, transport modes, packaging): browse, search, edit. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Space, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { referenceApi } from '../../api/endpoints';
import { CODE_TABLES, type CodeEntry, type CodeTable } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { fmtDate } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { CodeEditModal } from './CodeEditModal';

export function CodeTablesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const table = useUrlTable(['table', 'q'] as const, { table: 'countries' });
  const f = table.filters;
  const codeTable: CodeTable = (CODE_TABLES as readonly string[]).includes(f.table) ? (f.table as CodeTable) : 'countries';
  const list = useApi(() => referenceApi.codes(codeTable, { q: f.q, limit: table.limit, offset: table.offset }), table.key);
  const [editing, setEditing] = useState<Partial<CodeEntry> | null>(null);
  const writer = can(user.role, 'reference.write');

  const columns: ColumnsType<CodeEntry> = [
    { title: t('codes.code'), dataIndex: 'code', width: 110, render: (v: string) => <code>{v}</code> },
    { title: t('codes.name'), dataIndex: 'name' },
    { title: t('codes.nameEn'), dataIndex: 'nameEn', render: (v: string | null) => v ?? '—' },
    { title: t('codes.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120, render: fmtDate },
    { title: t('codes.effectiveTo'), dataIndex: 'effectiveTo', width: 120, render: (v: string | null) => (v ? fmtDate(v) : t('tariff.open')) },
    ...(writer ? [{ title: t('common.actions'), key: 'a', width: 80, render: (_: unknown, r: CodeEntry) => <Button size="small" type="link" onClick={() => setEditing(r)}>{t('action.edit')}</Button> }] : []),
  ];

  return (
    <Card title={t('nav.codes')} extra={writer ? <Button icon={<PlusOutlined />} onClick={() => setEditing({})}>{t('codes.add')}</Button> : null}>
      <Tabs activeKey={codeTable} onChange={(k) => table.setFilters({ table: k, q: null })} items={CODE_TABLES.map((k) => ({ key: k, label: t(`codes.table.${k}`) }))} />
      <Space style={{ marginBottom: 12 }}>
        <Input.Search key={`${codeTable}-${f.q}`} defaultValue={f.q} allowClear placeholder={t('codes.searchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 280 }} data-testid="filter-q" />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<CodeEntry>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={f.q ? t('common.emptyFiltered') : t('codes.empty')} /> }}
      />
      <CodeEditModal table={codeTable} entry={editing} onClose={(saved) => { setEditing(null); if (saved) list.reload(); }} />
    </Card>
  );
}
