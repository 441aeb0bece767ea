/**
 * File a push-on-behalf undertaking (代推承诺): which data (orders, payments), for whom (every platform and
 * e-commerce enterprise, or named ones by customs code), from and to which day, and the letter's number.
 */
import { Checkbox, Col, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { undertakingsApi } from '../../api/endpoints';
import { PUSH_KINDS, type PushKind, type Undertaking } from '../../api/types';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';
import { shanghaiToday } from '../bonded/qty';

interface Values {
  kinds: PushKind[];
  scope: 'all' | 'named';
  ownerCodes?: string[];
  validFrom: string;
  validTo: string;
  letterNo?: string;
  note?: string;
}

const FIELDS: Record<string, string[]> = { kinds: ['kinds'], ownerCodes: ['ownerCodes'], validFrom: ['validFrom'], validTo: ['validTo'], letterNo: ['letterNo'], note: ['note'] };
const CUSTOMS_CODE = /^\d{4}[0-9A-Za-z]{6}$/;

export function UndertakingFormModal({ open, onClose }: { open: boolean; onClose: (filed: Undertaking | null) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const scope = Form.useWatch('scope', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ kinds: ['order', 'payment'], scope: 'named', validFrom: shanghaiToday() });
    }
  }, [open, form]);

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      const filed = await undertakingsApi.create({
        kinds: v.kinds,
        allOwners: v.scope === 'all',
        ownerCodes: v.scope === 'all' ? [] : (v.ownerCodes ?? []).map((c) => c.trim().toUpperCase()),
        validFrom: v.validFrom,
        validTo: v.validTo,
        letterNo: v.letterNo?.trim() || null,
        note: v.note?.trim() || null,
      });
      onClose(filed);
    } catch (e) {
      // Owner codes come back as "ownerCodes.3": show them under the codes field.
      if (!applyFieldError(form, e, lang, FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('undertaking.new')} onCancel={() => onClose(null)} onOk={save} okText={t('undertaking.submit')} okButtonProps={{ loading: busy, 'data-testid': 'undertaking-submit' }} width={640} forceRender>
      <Typography.Paragraph type="secondary">{t('undertaking.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="undertaking-form">
        <Form.Item name="kinds" label={t('undertaking.field.kinds')} rules={[{ required: true, type: 'array', min: 1, message: t('undertaking.validate.kindsRequired') }]}>
          <Checkbox.Group options={PUSH_KINDS.map((k) => ({ value: k, label: t(`undertaking.kind.${k}`) }))} data-testid="undertaking-kinds" />
        </Form.Item>
        <Form.Item name="scope" label={t('undertaking.field.owners')}>
          <Radio.Group data-testid="undertaking-scope">
            <Radio value="named">{t('undertaking.scopeNamed')}</Radio>
            <Radio value="all">{t('undertaking.scopeAll')}</Radio>
          </Radio.Group>
        </Form.Item>
        {scope !== 'all' ? (
          <Form.Item
            name="ownerCodes"
            label={t('undertaking.field.ownerCodes')}
            extra={t('undertaking.ownerCodesHint')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('undertaking.validate.ownersRequired') },
              { validator: (_, codes: string[] = []) => (codes.every((c) => CUSTOMS_CODE.test(c.trim())) ? Promise.resolve() : Promise.reject(new Error(t('undertaking.validate.ownerShape')))) },
            ]}
          >
            <Select mode="tags" tokenSeparators={[',', ' ', '，', '、']} open={false} suffixIcon={null} placeholder="1504960001" data-testid="undertaking-owner-codes" />
          </Form.Item>
        ) : null}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="validFrom" label={t('undertaking.field.validFrom')} rules={[{ required: true, message: t('undertaking.validate.dateRequired') }]}>
              <Input type="date" data-testid="undertaking-valid-from" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="validTo"
              label={t('undertaking.field.validTo')}
              dependencies={['validFrom']}
              rules={[
                { required: true, message: t('undertaking.validate.dateRequired') },
                ({ getFieldValue }) => ({ validator: (_, v?: string) => (!v || !getFieldValue('validFrom') || v >= getFieldValue('validFrom') ? Promise.resolve() : Promise.reject(new Error(t('undertaking.validate.toBeforeFrom')))) }),
              ]}
            >
              <Input type="date" data-testid="undertaking-valid-to" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="letterNo" label={t('undertaking.field.letterNo')}>
          <Input maxLength={50} data-testid="undertaking-letter-no" />
        </Form.Item>
        <Form.Item name="note" label={t('common.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
