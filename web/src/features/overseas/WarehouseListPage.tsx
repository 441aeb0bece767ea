/**
 * 海外仓: overseas warehouse filings. Departments see every filing and the zone's count against the plan's
 * target; an enterprise sees its own and files new ones. Filters and paging live in the URL; export.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { FILING_STATUSES } from '../../api/types';
import { CodeSelect } from '../../ui/CodeSelect';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { StatusTag } from '../../ui/StatusTag';
import { EnterprisePicker } from '../enterprises/EnterprisePicker';
import { overseasApi, type Warehouse } from './api';
import { TargetProgress } from './TargetProgress';

const FILTERS = ['q', 'status', 'country', 'enterprise'] as const;

export function WarehouseListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const isEnterprise = user.role === 'enterprise';
  const table = useUrlTable(FILTERS);
  const f = table.filters;
  const query = { ...f, limit: table.limit, offset: table.offset };
  const list = useApi(() => overseasApi.warehouses(query), table.key);
  const filtered = FILTERS.some((k) => f[k]);

  const columns: ColumnsType<Warehouse> = [
    { title: t('overseas.field.name'), dataIndex: 'name', width: 240, render: (v: string, w) => <Link to={`/overseas/warehouses/${w.id}`} data-testid={`warehouse-row-${w.id}`}>{v}</Link> },
    { title: t('overseas.field.country'), dataIndex: 'country', width: 130, render: (v: string, w) => `${v} ${w.countryName ?? ''}` },
    ...(isEnterprise
      ? []
      : [{ title: t('overseas.field.enterprise'), dataIndex: 'enterpriseName', width: 240, render: (v: string | null, w: Warehouse) => <Link to={`/enterprises/${w.enterpriseId}`}>{v ?? w.enterpriseCode}</Link> }]),
    { title: t('overseas.field.operatorName'), dataIndex: 'operatorName', width: 220 },
    { title: t('overseas.field.areaSqm'), dataIndex: 'areaSqm', width: 110, align: 'right' },
    { title: t('overseas.field.tenure'), dataIndex: 'tenure', width: 100, render: (v: string) => t(`overseas.tenure.${v}`) },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string) => <StatusTag status={s} /> },
    { title: t('common.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: fmtDateTime },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => overseasApi.warehouses({ ...query, offset, limit }));
    downloadCsv(
      'overseas-warehouses.csv',
      ['id', 'name', 'country', 'countryName', 'address', 'areaSqm', 'operatorName', 'tenure', 'leaseEnds', 'enterpriseCode', 'enterpriseName', 'status', 'version', 'rejectReason', 'createdAt', 'updatedAt'],
      rows.map((w) => [w.id, w.name, w.country, w.countryName, w.address, w.areaSqm, w.operatorName, w.tenure, w.leaseEnds, w.enterpriseCode, w.enterpriseName, w.status, w.version, w.rejectReason, fmtDateTime(w.createdAt), fmtDateTime(w.updatedAt)]),
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <TargetProgress zone={!isEnterprise} />
      <Card
        title={t('nav.overseasWarehouses')}
        extra={
          can(user.role, 'overseas.file') ? (
            <Link to="/overseas/warehouses/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="warehouse-new">{t('overseas.newWarehouse')}</Button>
            </Link>
          ) : null
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('overseas.searchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 280 }} data-testid="filter-q" />
          <Select allowClear placeholder={t('common.status')} value={f.status || undefined} onChange={(v?: string) => table.setFilters({ status: v })} options={FILING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} style={{ width: 130 }} data-testid="filter-status" />
          <CodeSelect table="countries" value={f.country || undefined} onChange={(v) => table.setFilters({ country: v })} placeholder={t('overseas.field.country')} style={{ width: 200 }} data-testid="filter-country" />
          {isEnterprise ? null : <EnterprisePicker value={f.enterprise || undefined} onChange={(id) => table.setFilters({ enterprise: id })} data-testid="filter-enterprise" />}
          {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
          <ExportButton run={exportRows} />
        </Space>
        {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
        <Table<Warehouse>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.loading}
          scroll={{ x: 1300 }}
          data-testid="warehouse-table"
          pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
          locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : isEnterprise ? t('overseas.emptyEnterprise') : t('overseas.empty')} /> }}
        />
      </Card>
    </Space>
  );
}
