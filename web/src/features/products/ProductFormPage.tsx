/** Product filing (enterprise): new, or a change re-filed for review. */
import { Alert, Button, Card, Col, Form, Input, Row, Space } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { productsApi } from '../../api/endpoints';
import type { HsCode, ProductInput } from '../../api/types';
import { CodeSelect } from '../../ui/CodeSelect';
import { applyFieldError, ErrorAlert, useLang, useShowError } from '../../ui/errors';
import { useApi } from '../../ui/hooks';
import { composeGmodel, HsFields } from './HsElements';

interface FormValues extends ProductInput {
  elements?: string[];
}
const FIELDS: Record<string, string[]> = Object.fromEntries(['itemNo', 'itemName', 'gcode', 'gmodel', 'country', 'unit', 'price', 'barCode'].map((f) => [f, [f]]));

export function ProductFormPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id } = useParams();
  const navigate = useNavigate();
  const showError = useShowError();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const hsRef = useRef<HsCode | null>(null);
  const onHs = useCallback((hs: HsCode | null) => {
    hsRef.current = hs;
    if (hs?.unit1 && !form.getFieldValue('unit')) form.setFieldValue('unit', hs.unit1);
  }, [form]);
  const current = useApi(id ? () => productsApi.get(id) : null, id ?? 'new');

  useEffect(() => {
    const p = current.data;
    if (p) form.setFieldsValue({ ...p, price: p.price ?? undefined, elements: p.gmodel.split('|') });
  }, [current.data, form]);

  const onFinish = async (v: FormValues) => {
    const hs = hsRef.current;
    const gmodel = hs && hs.elements.length ? composeGmodel(hs.elements.map((_, i) => v.elements?.[i])) : (v.gmodel ?? '').trim();
    if (!gmodel.replace(/\|/g, '').trim()) {
      form.setFields([{ name: ['elements', 0], errors: [t('product.validate.gmodelRequired')] }]);
      return;
    }
    const body: ProductInput = {
      itemNo: v.itemNo.trim(),
      itemName: v.itemName.trim(),
      gcode: v.gcode,
      gmodel,
      country: v.country,
      unit: v.unit,
      ...(v.price ? { price: v.price.trim() } : {}),
      ...(v.barCode ? { barCode: v.barCode.trim() } : {}),
    };
    setBusy(true);
    try {
      const r = id ? await productsApi.update(id, body) : await productsApi.create(body);
      navigate(`/products/${r.id}`, { replace: true });
    } catch (e) {
      if (!applyFieldError(form, e, lang, FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (current.error) return <ErrorAlert error={current.error} onRetry={current.reload} />;
  return (
    <Card title={id ? t('product.changeTitle', { name: current.data?.itemName ?? '' }) : t('product.new')} loading={!!id && !current.data}>
      {id ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('product.changeHint')} /> : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} scrollToFirstError style={{ maxWidth: 900 }} data-testid="product-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="itemNo" label={t('product.field.itemNo')} rules={[{ required: true, whitespace: true, message: t('product.validate.itemNoRequired') }, { pattern: /^[\w.\-/]{1,30}$/, message: t('product.validate.itemNoShape') }]}>
              <Input maxLength={50} data-testid="product-item-no" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="itemName" label={t('product.field.itemName')} rules={[{ required: true, whitespace: true, message: t('product.validate.itemNameRequired') }]}>
              <Input maxLength={250} data-testid="product-item-name" />
            </Form.Item>
          </Col>
        </Row>
        <HsFields onHs={onHs} />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="country" label={t('product.field.country')} rules={[{ required: true, message: t('product.validate.countryRequired') }]}>
              <CodeSelect table="countries" data-testid="product-country" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unit" label={t('product.field.unit')} rules={[{ required: true, message: t('product.validate.unitRequired') }]}>
              <CodeSelect table="units" data-testid="product-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="price" label={t('product.field.priceYuan')} rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: t('product.validate.price') }]}>
              <Input inputMode="decimal" suffix="CNY" style={{ textAlign: 'right' }} data-testid="product-price" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="barCode" label={t('product.field.barCode')}>
              <Input maxLength={50} data-testid="product-barcode" />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="product-submit">
            {id ? t('enterprise.submitChange') : t('action.submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('action.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
