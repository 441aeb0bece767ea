/**
 * Post a first-line entry record (入区核注): its number, its date, and lines of item + quantity. The server
 * adds every line or none; a line it refuses is marked under that line.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bondedApi } from '../../api/endpoints';
import type { BondedItem } from '../../api/types';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';
import { fmtQty, QTY_PATTERN, shanghaiToday } from './qty';

interface Values {
  entryNo: string;
  entryDate: string;
  lines: Array<{ itemRecordNo?: string; qty?: string }>;
  note?: string;
}

export function EntryModal({ emsNo, items, open, onClose }: { emsNo: string; items: BondedItem[]; open: boolean; onClose: (posted: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const lines = Form.useWatch('lines', form) ?? [];

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ entryDate: shanghaiToday(), lines: [{}] });
    }
  }, [open, form]);

  const options = useMemo(() => items.map((i) => ({ value: i.itemRecordNo, label: `${i.itemRecordNo} · ${i.goodsName} (${i.gcode})` })), [items]);
  const stockOf = (no?: string) => items.find((i) => i.itemRecordNo === no)?.stock;

  // Server errors name fields like "lines.1.qty": map every line's fields to the form's name paths.
  const fields = useMemo(() => {
    const f: Record<string, (string | number)[]> = { entryNo: ['entryNo'], entryDate: ['entryDate'], note: ['note'], lines: ['lines'] };
    lines.forEach((_, i) => {
      f[`lines.${i}.itemRecordNo`] = ['lines', i, 'itemRecordNo'];
      f[`lines.${i}.qty`] = ['lines', i, 'qty'];
    });
    return f;
  }, [lines.length]);

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      await bondedApi.postEntry(emsNo, {
        entryNo: v.entryNo.trim().toUpperCase(),
        entryDate: v.entryDate,
        lines: v.lines.map((l) => ({ itemRecordNo: l.itemRecordNo!, qty: l.qty!.trim() })),
        note: v.note?.trim() || null,
      });
      onClose(true);
    } catch (e) {
      if (!applyFieldError(form, e, lang, fields)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('bonded.postEntry')} onCancel={() => onClose(false)} onOk={save} okText={t('bonded.postEntryOk')} okButtonProps={{ loading: busy, 'data-testid': 'entry-submit' }} width={760} forceRender>
      <Typography.Paragraph type="secondary">{t('bonded.entryHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="entry-form">
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="entryNo" label={t('bonded.field.entryNo')} rules={[{ required: true, message: t('bonded.validate.entryNoRequired') }, { pattern: /^[0-9A-Za-z-]{4,40}$/, message: t('bonded.validate.entryNoShape') }]}>
              <Input maxLength={40} data-testid="entry-no" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="entryDate" label={t('bonded.field.entryDate')} rules={[{ required: true, message: t('bonded.validate.entryDateRequired') }]}>
              <Input type="date" max={shanghaiToday()} data-testid="entry-date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="lines">
          {(list, { add, remove }) => (
            <>
              {list.map((field, i) => (
                <Row key={field.key} gutter={8} align="top">
                  <Col span={14}>
                    <Form.Item name={[field.name, 'itemRecordNo']} label={i === 0 ? t('bonded.field.item') : undefined} rules={[{ required: true, message: t('bonded.validate.itemRequired') }]}>
                      <Select showSearch={{ optionFilterProp: 'label' }} options={options} placeholder={t('bonded.pickItem')} data-testid={`entry-line-item-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name={[field.name, 'qty']}
                      label={i === 0 ? t('bonded.field.qty') : undefined}
                      rules={[{ required: true, message: t('bonded.validate.qtyRequired') }, { pattern: QTY_PATTERN, message: t('bonded.validate.qtyShape') }]}
                      extra={stockOf(lines[i]?.itemRecordNo) !== undefined ? t('bonded.stockNow', { qty: fmtQty(stockOf(lines[i]?.itemRecordNo)) }) : undefined}
                    >
                      <Input style={{ textAlign: 'right' }} data-testid={`entry-line-qty-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col span={2} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                    <Button type="text" icon={<DeleteOutlined />} disabled={list.length === 1} onClick={() => remove(field.name)} aria-label={t('bonded.removeLine')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block style={{ marginBottom: 16 }} data-testid="entry-add-line" disabled={list.length >= 500}>
                {t('bonded.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('common.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
