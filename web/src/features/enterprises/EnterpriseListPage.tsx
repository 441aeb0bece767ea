/** Enterprise filings, shared by all departments: filters in the URL, server-side paging, export. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { enterprisesApi } from '../../api/endpoints';
import { ENTERPRISE_ROLES, FILING_STATUSES, type EnterpriseSummary } from '../../api/types';
import { CodeSelect } from '../../ui/CodeSelect';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { StatusTag } from '../../ui/StatusTag';

const FILTERS = ['status', 'role', 'q', 'district', 'sort'] as const;

export function EnterpriseListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const table = useUrlTable(FILTERS);
  const f = table.filters;
  const query = { ...f, sort: f.sort || 'newest', limit: table.limit, offset: table.offset };
  const list = useApi(() => enterprisesApi.list(query), table.key);
  const filtered = FILTERS.some((k) => k !== 'sort' && f[k]);

  const columns: ColumnsType<EnterpriseSummary> = [
    { title: t('enterprise.field.name'), dataIndex: 'name', width: 240, render: (v: string, e) => <Link to={`/enterprises/${e.id}`}>{v}</Link> },
    { title: t('enterprise.field.uscc'), dataIndex: 'uscc', width: 190, render: (v: string) => <code>{v}</code> },
    { title: t('enterprise.field.customsCode'), dataIndex: 'customsCode', width: 120, render: (v: string) => <code>{v}</code> },
    { title: t('enterprise.field.roles'), dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{t(`enterpriseRole.${r}`)}</Tag>) },
    { title: t('enterprise.field.district'), dataIndex: 'district', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string) => <StatusTag status={s} /> },
    { title: t('common.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: fmtDateTime,
      sorter: true,
      sortOrder: f.sort === 'oldest' ? 'ascend' : 'descend',
      sortDirections: ['descend', 'ascend', 'descend'],
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: fmtDateTime },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => enterprisesApi.list({ ...query, offset, limit }));
    downloadCsv(
      'enterprises.csv',
      ['id', 'name', 'uscc', 'customsCode', 'roles', 'district', 'status', 'version', 'createdAt', 'updatedAt'],
      rows.map((e) => [e.id, e.name, e.uscc, e.customsCode, e.roles, e.district, e.status, e.version, fmtDateTime(e.createdAt), fmtDateTime(e.updatedAt)]),
    );
  };

  return (
    <Card
      title={t('nav.enterprises')}
      extra={
        can(user.role, 'filing.create') ? (
          <Link to="/enterprises/new">
            <Button type="primary" icon={<PlusOutlined />}>{t('enterprise.newFiling')}</Button>
          </Link>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          key={`q-${f.q}`}
          defaultValue={f.q}
          allowClear
          placeholder={t('enterprise.searchPlaceholder')}
          onSearch={(v) => table.setFilters({ q: v.trim() })}
          style={{ width: 280 }}
          data-testid="filter-q"
        />
        <Select
          allowClear
          placeholder={t('common.status')}
          value={f.status || undefined}
          onChange={(v?: string) => table.setFilters({ status: v })}
          options={FILING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          style={{ width: 130 }}
          data-testid="filter-status"
        />
        <Select
          allowClear
          placeholder={t('enterprise.field.roles')}
          value={f.role || undefined}
          onChange={(v?: string) => table.setFilters({ role: v })}
          options={ENTERPRISE_ROLES.map((r) => ({ value: r, label: t(`enterpriseRole.${r}`) }))}
          style={{ width: 190 }}
          data-testid="filter-role"
        />
        <CodeSelect table="districts" value={f.district || undefined} onChange={(v) => table.setFilters({ district: v })} placeholder={t('enterprise.field.district')} style={{ width: 200 }} />
        {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
        <ExportButton run={exportRows} />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<EnterpriseSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1200 }}
        data-testid="enterprise-table"
        onChange={(_, __, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const next = s?.order === 'ascend' ? 'oldest' : null;
          if ((next ?? '') !== f.sort) table.setFilters({ sort: next });
        }}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : t('enterprise.empty')} /> }}
      />
    </Card>
  );
}
