/** 订仓单: booking orders into overseas warehouses; an enterprise sees and files its own, departments see all. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { CodeSelect } from '../../ui/CodeSelect';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime, fmtYuan } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { EnterprisePicker } from '../enterprises/EnterprisePicker';
import { overseasApi, type Booking } from './api';
import { WarehousePicker } from './WarehousePicker';

const FILTERS = ['q', 'warehouseId', 'country', 'enterprise'] as const;

export function BookingListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const isEnterprise = user.role === 'enterprise';
  const table = useUrlTable(FILTERS);
  const f = table.filters;
  const query = { ...f, limit: table.limit, offset: table.offset };
  const list = useApi(() => overseasApi.bookings(query), table.key);
  const filtered = FILTERS.some((k) => f[k]);

  const columns: ColumnsType<Booking> = [
    { title: t('overseas.field.bookingNo'), dataIndex: 'bookingNo', width: 180, render: (v: string, b) => <Link to={`/overseas/bookings/${b.id}`} data-testid={`booking-row-${v}`}><code>{v}</code></Link> },
    { title: t('overseas.field.warehouse'), dataIndex: 'warehouseName', width: 240, render: (v: string | null, b) => <Link to={`/overseas/warehouses/${b.warehouseId}`}>{v ?? b.warehouseId}</Link> },
    { title: t('overseas.field.country'), dataIndex: 'country', width: 120, render: (v: string | null, b) => (v ? `${v} ${b.countryName ?? ''}` : '—') },
    ...(isEnterprise
      ? []
      : [{ title: t('overseas.field.enterprise'), dataIndex: 'enterpriseName', width: 240, render: (v: string | null, b: Booking) => <Link to={`/enterprises/${b.enterpriseId}`}>{v ?? b.enterpriseCode}</Link> }]),
    { title: t('overseas.field.plannedShipDate'), dataIndex: 'plannedShipDate', width: 120 },
    { title: t('overseas.field.lineCount'), dataIndex: 'lineCount', width: 80, align: 'right' },
    { title: t('overseas.field.goodsValue'), dataIndex: 'goodsValue', width: 150, align: 'right', render: (v: string) => `${fmtYuan(v)} ${t('common.yuan')}` },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: fmtDateTime },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => overseasApi.bookings({ ...query, offset, limit }));
    downloadCsv(
      'overseas-bookings.csv',
      ['bookingNo', 'warehouseName', 'country', 'enterpriseCode', 'enterpriseName', 'plannedShipDate', 'transportMode', 'lineCount', 'goodsValue', 'status', 'createdAt'],
      rows.map((b) => [b.bookingNo, b.warehouseName, b.country, b.enterpriseCode, b.enterpriseName, b.plannedShipDate, b.transportMode, b.lineCount, b.goodsValue, b.status, fmtDateTime(b.createdAt)]),
    );
  };

  return (
    <Card
      title={t('nav.overseasBookings')}
      extra={
        can(user.role, 'overseas.booking.file') ? (
          <Link to="/overseas/bookings/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="booking-new">{t('overseas.newBooking')}</Button>
          </Link>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('overseas.bookingSearchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 280 }} data-testid="filter-q" />
        <WarehousePicker value={f.warehouseId || undefined} onChange={(id) => table.setFilters({ warehouseId: id })} data-testid="filter-warehouse" />
        <CodeSelect table="countries" value={f.country || undefined} onChange={(v) => table.setFilters({ country: v })} placeholder={t('overseas.field.country')} style={{ width: 200 }} />
        {isEnterprise ? null : <EnterprisePicker value={f.enterprise || undefined} onChange={(id) => table.setFilters({ enterprise: id })} data-testid="filter-enterprise" />}
        {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
        <ExportButton run={exportRows} />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<Booking>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1200 }}
        data-testid="booking-table"
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : isEnterprise ? t('overseas.bookingEmptyEnterprise') : t('overseas.bookingEmpty')} /> }}
      />
    </Card>
  );
}
