/** Add an item (one account-book record number) to a book: HS code and declared unit from the code tables. */
import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bondedApi } from '../../api/endpoints';
import type { BondedItemInput } from '../../api/types';
import { CodeSelect } from '../../ui/CodeSelect';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';
import { useHsLookup } from '../products/HsElements';

const FIELDS: Record<string, string[]> = { itemRecordNo: ['itemRecordNo'], gcode: ['gcode'], goodsName: ['goodsName'], unit: ['unit'] };

export function AddItemModal({ emsNo, open, onClose }: { emsNo: string; open: boolean; onClose: (added: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<BondedItemInput>();
  const [busy, setBusy] = useState(false);
  const gcode = Form.useWatch('gcode', form);
  const { hs, error: hsError } = useHsLookup(/^\d{10}$/.test(gcode ?? '') ? gcode : undefined);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      await bondedApi.addItem(emsNo, { itemRecordNo: v.itemRecordNo.trim(), gcode: v.gcode.trim(), goodsName: v.goodsName.trim(), unit: v.unit });
      onClose(true);
    } catch (e) {
      if (!applyFieldError(form, e, lang, FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('bonded.addItem')} onCancel={() => onClose(false)} onOk={save} okText={t('action.create')} okButtonProps={{ loading: busy, 'data-testid': 'item-submit' }} forceRender>
      <Form form={form} layout="vertical" data-testid="item-form">
        <Form.Item name="itemRecordNo" label={t('bonded.field.itemRecordNo')} rules={[{ required: true, message: t('bonded.validate.itemRecordNoRequired') }, { pattern: /^[0-9A-Za-z_.\-/]{1,30}$/, message: t('bonded.validate.itemRecordNoShape') }]}>
          <Input maxLength={30} data-testid="item-record-no" />
        </Form.Item>
        <Form.Item
          name="gcode"
          label={t('bonded.field.gcode')}
          rules={[{ required: true, message: t('bonded.validate.gcodeRequired') }, { pattern: /^\d{10}$/, message: t('bonded.validate.gcodeShape') }]}
          extra={hs ? `${hs.code} ${hs.name}` : hsError ? t('bonded.hsUnknown') : undefined}
        >
          <Input maxLength={10} data-testid="item-gcode" />
        </Form.Item>
        <Form.Item name="goodsName" label={t('bonded.field.goodsName')} rules={[{ required: true, whitespace: true, message: t('bonded.validate.goodsNameRequired') }]}>
          <Input maxLength={250} data-testid="item-goods-name" />
        </Form.Item>
        <Form.Item name="unit" label={t('bonded.field.unit')} rules={[{ required: true, message: t('bonded.validate.unitRequired') }]}>
          <CodeSelect table="units" data-testid="item-unit" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
