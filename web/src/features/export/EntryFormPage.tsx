/**
 * File a B2B customs declaration (9710 direct export, 9810 export to an overseas warehouse) as the declaring
 * agent: the consignor, (9710) the platform, customs and port, destination, currency, attached document
 * 10000004 (the platform order number for 9710, the booking number for 9810) and the goods lines. The answer
 * says at once whether it matched what the platform filed, and why not.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { exportApi } from '../../api/endpoints';
import { B2B_TRADE_MODES, type B2bTradeMode, type ExportEntryInput } from '../../api/exportTypes';
import { CodeSelect } from '../../ui/CodeSelect';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';
import { fmtYuan } from '../../ui/format';
import { lineTotal, sumDecimals } from './decimal';
import { useMyEnterprise } from './useMyEnterprise';

interface Line {
  gcode?: string;
  gname?: string;
  qty?: string;
  unit?: string;
  price?: string;
  totalPrice?: string;
}
interface Values {
  copNo: string;
  tradeMode: B2bTradeMode;
  ebcCode: string;
  ebpCode?: string;
  customsCode: string;
  portCode: string;
  country: string;
  currency: string;
  attachedNo: string;
  lines: Line[];
}

/** A 10-character customs code or an 18-character unified social credit code. */
const PARTY_CODE = /^([0-9A-Z]{10}|[0-9A-Z]{18})$/;
/** Quantities and unit prices take up to 5 decimals; totals are money, up to the fen. */
const DECIMAL5 = /^\d{1,14}(\.\d{1,5})?$/;
const MONEY = /^\d{1,14}(\.\d{1,2})?$/;

export function EntryFormPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const me = useMyEnterprise();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const tradeMode = Form.useWatch('tradeMode', form) ?? '9710';
  const lines = Form.useWatch('lines', form) ?? [];
  const total = sumDecimals(lines.map((l) => l?.totalPrice ?? ''));

  // Server errors name fields like "lines.0.qty" or "body.attachedNo": map them to the form's name paths.
  const fields = useMemo(() => {
    const f: Record<string, (string | number)[]> = Object.fromEntries(['copNo', 'tradeMode', 'ebcCode', 'ebpCode', 'customsCode', 'portCode', 'country', 'currency', 'attachedNo', 'lines'].map((k) => [k, [k]]));
    lines.forEach((_, i) => {
      for (const k of ['gcode', 'gname', 'qty', 'unit', 'price', 'totalPrice']) f[`lines.${i}.${k}`] = ['lines', i, k];
    });
    return f;
  }, [lines.length]);

  /** A line's total follows qty × price until the user types one of its own. */
  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    const changedLines = changed.lines;
    if (!changedLines) return;
    changedLines.forEach((c, i) => {
      if (!c || (!('qty' in c) && !('price' in c))) return;
      const l = all.lines[i];
      const computed = lineTotal(l?.qty, l?.price);
      if (computed) form.setFieldValue(['lines', i, 'totalPrice'], computed);
    });
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const body: ExportEntryInput = {
      copNo: v.copNo.trim(),
      tradeMode: v.tradeMode,
      ebcCode: v.ebcCode.trim().toUpperCase(),
      ...(v.tradeMode === '9710' && v.ebpCode ? { ebpCode: v.ebpCode.trim().toUpperCase() } : {}),
      customsCode: v.customsCode,
      portCode: v.portCode,
      country: v.country,
      currency: v.currency,
      attachedNo: v.attachedNo.trim(),
      lines: v.lines.map((l) => ({ gcode: l.gcode!.trim(), gname: l.gname!.trim(), qty: l.qty!.trim(), unit: l.unit!, price: l.price!.trim(), totalPrice: l.totalPrice!.trim() })),
    };
    setBusy(true);
    try {
      const r = await exportApi.fileEntry(body);
      if (r.matchStatus === 'matched') message.success(t('export.entry.filedMatched', { entryId: r.entryId }));
      else message.warning(t('export.entry.filedUnmatched', { entryId: r.entryId }));
      navigate(`/export/entries/${encodeURIComponent(r.entryId)}`);
    } catch (e) {
      if (!applyFieldError(form, e, lang, fields)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('export.entry.new')} extra={<Link to="/export/entries">{t('export.entry.backToList')}</Link>}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('export.entry.formHint')} description={me ? t('export.entry.asAgent', { code: me.customsCode, name: me.name }) : undefined} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ tradeMode: '9710', currency: '142', lines: [{}] }}
        onValuesChange={onValuesChange}
        data-testid="entry-form"
        style={{ maxWidth: 1100 }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="tradeMode" label={t('export.field.tradeMode')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="entry-trade-mode">
                {B2B_TRADE_MODES.map((m) => (
                  <Radio.Button key={m} value={m} data-testid={`entry-trade-mode-${m}`}>{m} {t(`export.tradeMode.${m}`)}</Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="copNo" label={t('export.entry.copNo')} extra={t('export.entry.copNoHint')} rules={[{ required: true, message: t('export.validate.copNoRequired') }, { pattern: /^[0-9A-Za-z_-]{4,30}$/, message: t('export.validate.copNoShape') }]}>
              <Input maxLength={30} data-testid="entry-cop-no" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="attachedNo"
              label={t(tradeMode === '9810' ? 'export.entry.bookingNo' : 'export.entry.platformOrderNo')}
              extra={t('export.entry.attachedHint')}
              rules={[{ required: true, message: t('export.validate.attachedNoRequired') }, { max: 60 }]}
            >
              <Input maxLength={60} data-testid="entry-attached-no-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="ebcCode" label={t('export.entry.ebcCode')} normalize={(v: string) => v?.toUpperCase()} rules={[{ required: true, message: t('export.validate.codeRequired') }, { pattern: PARTY_CODE, message: t('export.validate.codeShape') }]}>
              <Input maxLength={18} data-testid="entry-ebc-code" />
            </Form.Item>
          </Col>
          {tradeMode === '9710' ? (
            <Col xs={24} md={8}>
              <Form.Item name="ebpCode" label={t('export.entry.ebpCode')} normalize={(v: string) => v?.toUpperCase()} rules={[{ required: true, message: t('export.validate.codeRequired') }, { pattern: PARTY_CODE, message: t('export.validate.codeShape') }]}>
                <Input maxLength={18} data-testid="entry-ebp-code" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={8}>
            <Form.Item name="customsCode" label={t('export.field.customsCode')} rules={[{ required: true, message: t('export.validate.required') }]}>
              <CodeSelect table="districts" data-testid="entry-customs-code" fallbackPlaceholder="0604" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="portCode" label={t('export.field.portCode')} rules={[{ required: true, message: t('export.validate.required') }]}>
              <CodeSelect table="districts" data-testid="entry-port-code" fallbackPlaceholder="0604" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="country" label={t('export.field.country')} rules={[{ required: true, message: t('export.validate.required') }]}>
              <CodeSelect table="countries" data-testid="entry-country" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="currency" label={t('export.field.currency')} rules={[{ required: true, message: t('export.validate.required') }]}>
              <CodeSelect table="currencies" data-testid="entry-currency" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('export.line.title')}</Typography.Title>
        <Form.List name="lines">
          {(list, { add, remove }) => (
            <>
              {list.map((field, i) => (
                <Row key={field.key} gutter={8} align="top" data-testid={`entry-line-${i}`}>
                  <Col xs={12} md={3}>
                    <Form.Item name={[field.name, 'gcode']} label={i === 0 ? t('export.line.gcode') : undefined} rules={[{ required: true, message: t('export.validate.required') }, { pattern: /^\d{10}$/, message: t('export.validate.gcodeShape') }]}>
                      <Input maxLength={10} data-testid={`entry-line-gcode-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[field.name, 'gname']} label={i === 0 ? t('export.line.gname') : undefined} rules={[{ required: true, message: t('export.validate.required') }, { max: 250 }]}>
                      <Input maxLength={250} data-testid={`entry-line-gname-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item name={[field.name, 'qty']} label={i === 0 ? t('export.line.qty') : undefined} rules={[{ required: true, message: t('export.validate.required') }, { pattern: DECIMAL5, message: t('export.validate.qtyShape') }]}>
                      <Input style={{ textAlign: 'right' }} data-testid={`entry-line-qty-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item name={[field.name, 'unit']} label={i === 0 ? t('export.line.unit') : undefined} rules={[{ required: true, message: t('export.validate.required') }]}>
                      <CodeSelect table="units" data-testid={`entry-line-unit-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item name={[field.name, 'price']} label={i === 0 ? t('export.line.price') : undefined} rules={[{ required: true, message: t('export.validate.required') }, { pattern: DECIMAL5, message: t('export.validate.priceShape') }]}>
                      <Input style={{ textAlign: 'right' }} data-testid={`entry-line-price-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'totalPrice']} label={i === 0 ? t('export.line.totalPrice') : undefined} rules={[{ required: true, message: t('export.validate.required') }, { pattern: MONEY, message: t('export.validate.amountShape') }]}>
                      <Input style={{ textAlign: 'right' }} data-testid={`entry-line-total-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                    <Button type="text" icon={<DeleteOutlined />} disabled={list.length === 1} onClick={() => remove(field.name)} aria-label={t('export.entry.removeLine')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block style={{ marginBottom: 16 }} disabled={list.length >= 50} data-testid="entry-add-line">
                {t('export.entry.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text>
            {t('export.entry.total')}: <Typography.Text strong data-testid="entry-total">{total ? fmtYuan(total) : '—'}</Typography.Text>
          </Typography.Text>
          <Space>
            <Button onClick={() => navigate('/export/entries')}>{t('action.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={submit} data-testid="entry-submit">{t('export.entry.submit')}</Button>
          </Space>
        </Space>
      </Form>
    </Card>
  );
}
