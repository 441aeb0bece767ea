/** HS code browser: code, name, legal units and the declared elements (申报要素) each code asks for. */
import { Card, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { referenceApi } from '../../api/endpoints';
import type { HsCode } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';

const CHAPTERS = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '77');

export function HsPage() {
  const { t } = useTranslation();
  const table = useUrlTable(['q', 'chapter'] as const);
  const f = table.filters;
  const list = useApi(() => referenceApi.hsList({ ...f, limit: table.limit, offset: table.offset }), table.key);

  const columns: ColumnsType<HsCode> = [
    { title: t('hs.code'), dataIndex: 'code', width: 130, render: (v: string) => <code>{v}</code> },
    { title: t('hs.name'), dataIndex: 'name' },
    { title: t('hs.unit1'), dataIndex: 'unit1', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('hs.unit2'), dataIndex: 'unit2', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('hs.elements'), dataIndex: 'elements', width: 110, render: (els: string[]) => t('hs.elementCount', { count: els.length }) },
    { title: t('common.actions'), key: 'a', width: 110, render: (_, r) => <Link to={`/reference/tariffs?q=${r.code}`}>{t('hs.viewTariff')}</Link> },
  ];

  return (
    <Card title={t('nav.hs')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('hs.searchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 280 }} data-testid="filter-q" />
        <Select
          allowClear
          showSearch
          placeholder={t('hs.chapter')}
          value={f.chapter || undefined}
          onChange={(v?: string) => table.setFilters({ chapter: v })}
          options={CHAPTERS.map((c) => ({ value: c, label: t('hs.chapterN', { n: c }) }))}
          style={{ width: 140 }}
        />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<HsCode>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        expandable={{
          rowExpandable: (r) => r.elements.length > 0,
          expandedRowRender: (r) => (
            <Space wrap size={[4, 4]}>
              <Typography.Text type="secondary">{t('hs.elements')}:</Typography.Text>
              {r.elements.map((el, i) => <Tag key={i}>{`${i + 1}. ${el}`}</Tag>)}
            </Space>
          ),
        }}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={f.q || f.chapter ? t('common.emptyFiltered') : t('hs.empty')} /> }}
      />
    </Card>
  );
}
