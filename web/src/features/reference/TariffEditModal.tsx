/** Edit one tariff line (admin/customs): rates typed as percentages, sent as exact decimal strings. */
import { Col, Form, Input, InputNumber, Modal, Row, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { referenceApi } from '../../api/endpoints';
import type { Tariff, TariffInput } from '../../api/types';
import { CodeSelect } from '../../ui/CodeSelect';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';
import { fmtRate, percentToRate } from '../../ui/format';

interface Values {
  dutyRate: string;
  vatRate: string;
  consumptionRate: string;
  positiveList: boolean;
  yearlyCapQty?: number | null;
  yearlyCapUnit?: string;
  effectiveFrom?: string;
  note?: string;
}
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;
const FIELDS: Record<string, string[]> = Object.fromEntries(['dutyRate', 'vatRate', 'consumptionRate', 'positiveList', 'yearlyCapQty', 'yearlyCapUnit', 'effectiveFrom', 'note'].map((f) => [f, [f]]));
const pct = (rate: string) => fmtRate(rate).replace('%', '');

export function TariffEditModal({ tariff, onClose }: { tariff: Tariff | null; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (tariff) {
      form.setFieldsValue({
        dutyRate: pct(tariff.dutyRate),
        vatRate: pct(tariff.vatRate),
        consumptionRate: pct(tariff.consumptionRate),
        positiveList: tariff.positiveList,
        yearlyCapQty: tariff.yearlyCapQty === null || tariff.yearlyCapQty === '' ? null : Number(tariff.yearlyCapQty),
        yearlyCapUnit: tariff.yearlyCapUnit ?? undefined,
        effectiveFrom: undefined,
        note: tariff.note ?? '',
      });
    }
  }, [tariff, form]);

  const save = async () => {
    if (!tariff) return;
    const v = await validated(form);
    if (!v) return;
    const body: TariffInput = {
      dutyRate: percentToRate(v.dutyRate),
      vatRate: percentToRate(v.vatRate),
      consumptionRate: percentToRate(v.consumptionRate),
      positiveList: v.positiveList,
      yearlyCapQty: v.yearlyCapQty === null || v.yearlyCapQty === undefined ? null : String(v.yearlyCapQty),
      yearlyCapUnit: v.yearlyCapUnit || null,
      ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom } : {}),
      note: v.note?.trim() || null,
    };
    setBusy(true);
    try {
      await referenceApi.putTariff(tariff.gcode, body);
      onClose(true);
    } catch (e) {
      if (!applyFieldError(form, e, lang, FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  const rate = (name: keyof Values, label: string) => (
    <Col span={8}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: t('tariff.rateRequired') }, { pattern: PERCENT, message: t('tariff.rateShape') }]}>
        <Input suffix="%" style={{ textAlign: 'right' }} data-testid={`tariff-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal open={tariff !== null} title={t('tariff.editTitle', { gcode: tariff?.gcode ?? '', name: tariff?.name ?? '' })} onCancel={() => onClose(false)} onOk={save} okText={t('action.save')} okButtonProps={{ loading: busy, 'data-testid': 'tariff-save' }} width={640} forceRender>
      <Form form={form} layout="vertical">
        <Row gutter={12}>
          {rate('dutyRate', t('tariff.dutyRate'))}
          {rate('vatRate', t('tariff.vatRate'))}
          {rate('consumptionRate', t('tariff.consumptionRate'))}
        </Row>
        <Form.Item name="positiveList" label={t('tariff.positiveList')} valuePropName="checked">
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="yearlyCapQty" label={t('tariff.yearlyCapQty')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="yearlyCapUnit" label={t('tariff.yearlyCapUnit')}>
              <CodeSelect table="units" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="effectiveFrom" label={t('tariff.effectiveFrom')} extra={t('tariff.effectiveFromHint')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t('common.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
