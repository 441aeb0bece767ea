/** 保税账册: customs sees every book, a warehouse enterprise its own; filters and paging in the URL, export. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { bondedApi } from '../../api/endpoints';
import { BOOK_STATUSES, type BondedBook } from '../../api/types';
import { CodeSelect } from '../../ui/CodeSelect';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { EnterprisePicker } from '../enterprises/EnterprisePicker';
import { BookStatusTag } from './BookStatusTag';
import { NewBookModal } from './NewBookModal';

const FILTERS = ['q', 'status', 'enterpriseId', 'district'] as const;

export function BookListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const isEnterprise = user.role === 'enterprise';
  const table = useUrlTable(FILTERS);
  const f = table.filters;
  const query = { ...f, limit: table.limit, offset: table.offset };
  const list = useApi(() => bondedApi.books(query), table.key);
  const filtered = FILTERS.some((k) => f[k]);
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<BondedBook> = [
    { title: t('bonded.field.emsNo'), dataIndex: 'emsNo', width: 160, render: (v: string) => <Link to={`/bonded/books/${encodeURIComponent(v)}`} data-testid={`book-row-${v}`}><code>{v}</code></Link> },
    { title: t('bonded.field.name'), dataIndex: 'name' },
    ...(isEnterprise
      ? []
      : [{ title: t('bonded.field.enterprise'), dataIndex: 'enterpriseName', width: 260, render: (v: string | null, b: BondedBook) => <Link to={`/enterprises/${b.enterpriseId}`}>{v ?? b.enterpriseCode}</Link> }]),
    { title: t('bonded.field.district'), dataIndex: 'district', width: 90 },
    { title: t('bonded.field.itemCount'), dataIndex: 'itemCount', width: 90, align: 'right' },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: BondedBook['status']) => <BookStatusTag status={s} /> },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: fmtDateTime },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => bondedApi.books({ ...query, offset, limit }));
    downloadCsv(
      'bonded-books.csv',
      ['emsNo', 'name', 'enterpriseCode', 'enterpriseName', 'district', 'itemCount', 'status', 'statusReason', 'createdAt', 'updatedAt'],
      rows.map((b) => [b.emsNo, b.name, b.enterpriseCode, b.enterpriseName, b.district, b.itemCount, b.status, b.statusReason, fmtDateTime(b.createdAt), fmtDateTime(b.updatedAt)]),
    );
  };

  return (
    <Card
      title={t('nav.bondedBooks')}
      extra={
        can(user.role, 'bonded.book.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="book-new">
            {t('bonded.newBook')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('bonded.searchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 280 }} data-testid="filter-q" />
        <Select allowClear placeholder={t('common.status')} value={f.status || undefined} onChange={(v?: string) => table.setFilters({ status: v })} options={BOOK_STATUSES.map((s) => ({ value: s, label: t(`bonded.status.${s}`) }))} style={{ width: 130 }} data-testid="filter-status" />
        {isEnterprise ? null : <EnterprisePicker value={f.enterpriseId || undefined} onChange={(id) => table.setFilters({ enterpriseId: id })} data-testid="filter-enterprise" />}
        {isEnterprise ? null : <CodeSelect table="districts" value={f.district || undefined} onChange={(v) => table.setFilters({ district: v })} placeholder={t('bonded.field.district')} style={{ width: 200 }} />}
        {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
        <ExportButton run={exportRows} />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<BondedBook>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 900 }}
        data-testid="book-table"
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : isEnterprise ? t('bonded.emptyEnterprise') : t('bonded.empty')} /> }}
      />
      <NewBookModal
        open={creating}
        onClose={(book) => {
          setCreating(false);
          if (book) navigate(`/bonded/books/${encodeURIComponent(book.emsNo)}`);
        }}
      />
    </Card>
  );
}
