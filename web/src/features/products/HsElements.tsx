/**
 * The HS code field with lookup, and one input per declared element (申报要素) the code defines;
 * the elements joined with '|' in that order make gmodel.
 */
import { AutoComplete, Alert, Col, Form, Input, Row, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { referenceApi } from '../../api/endpoints';
import type { HsCode } from '../../api/types';
import { errorParts, useLang } from '../../ui/errors';

export const HS_SHAPE = /^\d{10}$/;

/** gmodel from element values: trimmed, in the code's order, joined by '|'. */
export function composeGmodel(values: (string | undefined)[]): string {
  return values.map((v) => (v ?? '').trim()).join('|');
}

export function useHsLookup(gcode: string | undefined) {
  const [hs, setHs] = useState<HsCode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setHs(null);
    setError(null);
    if (!gcode || !HS_SHAPE.test(gcode)) return;
    let live = true;
    setLoading(true);
    referenceApi
      .hs(gcode)
      .then((h) => live && setHs(h))
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [gcode]);
  return { hs, error, loading };
}

function HsAutoComplete({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const seq = useRef(0);
  const search = (q: string) => {
    const my = ++seq.current;
    if (q.trim().length < 2) return setOptions([]);
    setTimeout(() => {
      if (my !== seq.current) return;
      referenceApi
        .hsList({ q: q.trim(), limit: 10 })
        .then((p) => my === seq.current && setOptions(p.items.map((h) => ({ value: h.code, label: `${h.code} ${h.name}` }))))
        .catch(() => my === seq.current && setOptions([]));
    }, 250);
  };
  return (
    <AutoComplete value={value} options={options} onSearch={search} onChange={(v: string) => onChange?.(v.replace(/\D/g, '').slice(0, 10))}>
      <Input maxLength={10} data-testid="product-gcode" style={{ fontFamily: 'monospace' }} />
    </AutoComplete>
  );
}

export function HsFields({ onHs }: { onHs: (hs: HsCode | null) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = Form.useFormInstance();
  const gcode = Form.useWatch('gcode', form) as string | undefined;
  const elements = Form.useWatch('elements', form) as string[] | undefined;
  const { hs, error, loading } = useHsLookup(gcode);
  useEffect(() => onHs(hs), [hs, onHs]);

  return (
    <>
      <Form.Item
        name="gcode"
        label={t('product.field.gcode')}
        rules={[{ required: true, message: t('product.validate.gcodeRequired') }, { pattern: HS_SHAPE, message: t('product.validate.gcodeShape') }]}
        extra={loading ? t('product.hsLoading') : hs ? `${hs.name}${hs.unit1 ? ` · ${t('product.legalUnits', { u1: hs.unit1, u2: hs.unit2 ?? '—' })}` : ''}` : t('product.hsHint')}
        validateStatus={error ? 'error' : undefined}
        help={error ? `${errorParts(error, lang).text} (${errorParts(error, lang).code})` : undefined}
      >
        <HsAutoComplete />
      </Form.Item>
      {hs && hs.elements.length ? (
        <Form.Item label={t('product.field.gmodel')} required extra={t('product.gmodelHint')}>
          <Row gutter={[12, 0]}>
            {hs.elements.map((el, i) => (
              <Col xs={24} md={12} key={`${hs.code}-${i}`}>
                <Form.Item
                  name={['elements', i]}
                  label={`${i + 1}. ${el}`}
                  rules={[{ pattern: /^[^|]*$/, message: t('product.validate.noPipe') }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input data-testid={`product-element-${i}`} maxLength={200} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary">{t('product.gmodelPreview')}: </Typography.Text>
          <Typography.Text code data-testid="product-gmodel-preview">{composeGmodel(hs.elements.map((_, i) => elements?.[i]))}</Typography.Text>
        </Form.Item>
      ) : null}
      {(!hs && error) || (hs && hs.elements.length === 0) ? (
        <>
          {hs ? null : <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('product.hsUnknown')} />}
          <Form.Item name="gmodel" label={t('product.field.gmodel')} rules={[{ required: true, message: t('product.validate.gmodelRequired') }]}>
            <Input data-testid="product-gmodel" maxLength={500} />
          </Form.Item>
        </>
      ) : null}
    </>
  );
}
