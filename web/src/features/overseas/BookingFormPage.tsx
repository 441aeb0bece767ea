/**
 * File a booking order (订仓单) into one of the enterprise's approved overseas warehouses: its number, the
 * planned shipping day, the transport mode and the goods, line by line. The server checks HS and unit codes;
 * a line it refuses is marked under that line.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CodeSelect } from '../../ui/CodeSelect';
import { applyFieldError, useLang, useShowError } from '../../ui/errors';
import { fmtFen } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { QTY_PATTERN, shanghaiToday } from '../bonded/qty';
import { overseasApi, type BookingInput, type BookingLineInput } from './api';
import { WarehousePicker } from './WarehousePicker';

interface Values {
  bookingNo: string;
  warehouseId: string;
  plannedShipDate: string;
  transportMode?: string;
  lines: Array<Partial<BookingLineInput>>;
}

const VALUE_PATTERN = /^(?!0+(\.0+)?$)\d{1,10}(\.\d{1,2})?$/;
const LINE_FIELDS = ['itemNo', 'itemName', 'gcode', 'qty', 'unit', 'value'] as const;

/** Yuan text to fen, exactly (for the running total only; the server sums again). */
function fen(value: string | undefined): number {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec((value ?? '').trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : 0;
}

export function BookingFormPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const showError = useShowError();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const lines = Form.useWatch('lines', form) ?? [];
  const approved = useApi(() => overseasApi.warehouses({ status: 'approved', limit: 1 }), 'approved');
  const total = lines.reduce((sum, l) => sum + fen(l?.value), 0);

  // Server errors name fields like "lines.1.gcode": map every line's fields to the form's name paths.
  const fields = useMemo(() => {
    const f: Record<string, (string | number)[]> = { bookingNo: ['bookingNo'], warehouseId: ['warehouseId'], plannedShipDate: ['plannedShipDate'], transportMode: ['transportMode'], lines: ['lines'] };
    lines.forEach((_, i) => {
      for (const k of LINE_FIELDS) f[`lines.${i}.${k}`] = ['lines', i, k];
    });
    return f;
  }, [lines.length]);

  const onFinish = async (v: Values) => {
    const body: BookingInput = {
      bookingNo: v.bookingNo.trim(),
      warehouseId: v.warehouseId,
      plannedShipDate: v.plannedShipDate,
      ...(v.transportMode ? { transportMode: v.transportMode } : {}),
      lines: v.lines.map((l) => ({
        ...(l.itemNo?.trim() ? { itemNo: l.itemNo.trim() } : {}),
        itemName: (l.itemName ?? '').trim(),
        gcode: (l.gcode ?? '').trim(),
        qty: (l.qty ?? '').trim(),
        unit: l.unit ?? '',
        value: (l.value ?? '').trim(),
      })),
    };
    setBusy(true);
    try {
      const r = await overseasApi.fileBooking(body);
      navigate(`/overseas/bookings/${r.id}`, { replace: true });
    } catch (e) {
      if (!applyFieldError(form, e, lang, fields)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('overseas.newBooking')}>
      {approved.data && approved.data.total === 0 ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('overseas.noApprovedWarehouse')} action={<Link to="/overseas/warehouses">{t('nav.overseasWarehouses')}</Link>} />
      ) : null}
      <Typography.Paragraph type="secondary">{t('overseas.bookingHint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError
        initialValues={{ warehouseId: params.get('warehouseId') ?? undefined, plannedShipDate: shanghaiToday(), transportMode: '3', lines: [{}] }}
        style={{ maxWidth: 1100 }}
        data-testid="booking-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="bookingNo" label={t('overseas.field.bookingNo')} rules={[{ required: true, whitespace: true, message: t('overseas.validate.bookingNoRequired') }, { pattern: /^[0-9A-Za-z][0-9A-Za-z_\-./]{0,59}$/, message: t('overseas.validate.bookingNoShape') }]}>
              <Input maxLength={60} data-testid="booking-no" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="warehouseId" label={t('overseas.field.warehouse')} rules={[{ required: true, message: t('overseas.validate.warehouseRequired') }]}>
              <WarehousePicker status="approved" data-testid="booking-warehouse" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="plannedShipDate" label={t('overseas.field.plannedShipDate')} rules={[{ required: true, message: t('overseas.validate.shipDateRequired') }]}>
              <Input type="date" data-testid="booking-ship-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="transportMode" label={t('overseas.field.transportMode')}>
              <CodeSelect table="transport-modes" data-testid="booking-transport" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('overseas.field.lines')}</Typography.Title>
        <Form.List name="lines">
          {(list, { add, remove }) => (
            <>
              {list.map((field, i) => (
                <Row key={field.key} gutter={8} align="top" data-testid={`booking-line-${i}`}>
                  <Col xs={12} md={3}>
                    <Form.Item name={[field.name, 'itemNo']} label={i === 0 ? t('overseas.field.itemNo') : undefined}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'itemName']} label={i === 0 ? t('overseas.field.itemName') : undefined} rules={[{ required: true, whitespace: true, message: t('overseas.validate.itemNameRequired') }]}>
                      <Input maxLength={250} data-testid={`booking-line-name-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'gcode']} label={i === 0 ? t('overseas.field.gcode') : undefined} rules={[{ required: true, message: t('overseas.validate.gcodeRequired') }, { pattern: /^\d{10}$/, message: t('overseas.validate.gcodeShape') }]}>
                      <Input maxLength={10} inputMode="numeric" data-testid={`booking-line-gcode-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[field.name, 'qty']} label={i === 0 ? t('overseas.field.qty') : undefined} rules={[{ required: true, message: t('overseas.validate.qtyRequired') }, { pattern: QTY_PATTERN, message: t('overseas.validate.qtyShape') }]}>
                      <Input style={{ textAlign: 'right' }} inputMode="decimal" data-testid={`booking-line-qty-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'unit']} label={i === 0 ? t('overseas.field.unit') : undefined} rules={[{ required: true, message: t('overseas.validate.unitRequired') }]}>
                      <CodeSelect table="units" data-testid={`booking-line-unit-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={4}>
                    <Form.Item name={[field.name, 'value']} label={i === 0 ? t('overseas.field.valueYuan') : undefined} rules={[{ required: true, message: t('overseas.validate.valueRequired') }, { pattern: VALUE_PATTERN, message: t('overseas.validate.valueShape') }]}>
                      <Input style={{ textAlign: 'right' }} inputMode="decimal" suffix="CNY" data-testid={`booking-line-value-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={1} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                    <Button type="text" icon={<DeleteOutlined />} disabled={list.length === 1} onClick={() => remove(field.name)} aria-label={t('overseas.removeLine')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block style={{ marginBottom: 16 }} disabled={list.length >= 500} data-testid="booking-add-line">
                {t('overseas.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Paragraph strong data-testid="booking-total">
          {t('overseas.field.goodsValue')}: {fmtFen(total)} {t('common.yuan')}
        </Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="booking-submit">{t('action.submit')}</Button>
          <Button onClick={() => navigate(-1)}>{t('action.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
