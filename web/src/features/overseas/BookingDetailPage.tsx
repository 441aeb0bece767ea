/** One booking order: its warehouse, shipping plan and goods lines with their values. */
import { Card, Descriptions, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/errors';
import { fmtDateTime, fmtYuan } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { fmtQty } from '../bonded/qty';
import { overseasApi, type BookingDetail } from './api';

export function BookingDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const booking = useApi(() => overseasApi.booking(id), id);

  if (booking.error) return <ErrorAlert error={booking.error} onRetry={booking.reload} />;
  const b = booking.data;
  if (!b) return <Card loading />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <code>{b.bookingNo}</code>
            <Tag color="blue" data-testid="booking-status">{t(`overseas.bookingStatus.${b.status}`)}</Tag>
          </Space>
        }
      >
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="booking-current">
          <Descriptions.Item label={t('overseas.field.bookingNo')}><code>{b.bookingNo}</code></Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.enterprise')}><Link to={`/enterprises/${b.enterpriseId}`}>{b.enterpriseName ?? b.enterpriseId}</Link> <code>{b.enterpriseCode}</code></Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.warehouse')}><Link to={`/overseas/warehouses/${b.warehouseId}`}>{b.warehouseName ?? b.warehouseId}</Link></Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.country')}>{b.country ? `${b.country} ${b.countryName ?? ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.plannedShipDate')}>{b.plannedShipDate}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.transportMode')}>{b.transportMode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.goodsValue')}>{fmtYuan(b.goodsValue)} {t('common.yuan')}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.lineCount')}>{b.lineCount}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.filedBy')}>{b.createdBy}</Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>{fmtDateTime(b.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('overseas.field.lines')}>
        <Table<BookingDetail['lines'][number]>
          rowKey="lineNo"
          size="small"
          pagination={false}
          dataSource={b.lines}
          data-testid="booking-lines"
          columns={[
            { title: '#', dataIndex: 'lineNo', width: 50 },
            { title: t('overseas.field.itemNo'), dataIndex: 'itemNo', width: 130, render: (v: string | null) => v ?? '—' },
            { title: t('overseas.field.itemName'), dataIndex: 'itemName' },
            { title: t('overseas.field.gcode'), dataIndex: 'gcode', width: 120, render: (v: string) => <code>{v}</code> },
            { title: t('overseas.field.qty'), dataIndex: 'qty', width: 110, align: 'right', render: (v: string) => fmtQty(v) },
            { title: t('overseas.field.unit'), dataIndex: 'unit', width: 80 },
            { title: t('overseas.field.valueYuan'), dataIndex: 'value', width: 150, align: 'right', render: (v: string) => fmtYuan(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
