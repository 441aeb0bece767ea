/** Set up an account book: a warehouse enterprise for itself; customs and administrators name the warehouse. */
import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth';
import { bondedApi } from '../../api/endpoints';
import type { BondedBook, BondedBookInput } from '../../api/types';
import { CodeSelect } from '../../ui/CodeSelect';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';
import { EnterprisePicker } from '../enterprises/EnterprisePicker';

const FIELDS: Record<string, string[]> = { emsNo: ['emsNo'], name: ['name'], district: ['district'], enterpriseId: ['enterpriseId'] };

export function NewBookModal({ open, onClose }: { open: boolean; onClose: (created: BondedBook | null) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const showError = useShowError();
  const [form] = Form.useForm<BondedBookInput>();
  const [busy, setBusy] = useState(false);
  const forOther = user.role !== 'enterprise';

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      const book = await bondedApi.createBook({ emsNo: v.emsNo.trim().toUpperCase(), name: v.name.trim(), district: v.district, ...(forOther ? { enterpriseId: v.enterpriseId } : {}) });
      onClose(book);
    } catch (e) {
      if (!applyFieldError(form, e, lang, FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('bonded.newBook')} onCancel={() => onClose(null)} onOk={save} okText={t('action.create')} okButtonProps={{ loading: busy, 'data-testid': 'book-submit' }} forceRender>
      <Form form={form} layout="vertical" data-testid="book-form">
        {forOther ? (
          <Form.Item name="enterpriseId" label={t('bonded.field.enterprise')} rules={[{ required: true, message: t('bonded.validate.enterpriseRequired') }]} extra={t('bonded.enterpriseHint')}>
            <EnterprisePicker status="approved" role="warehouse" data-testid="book-enterprise" />
          </Form.Item>
        ) : null}
        <Form.Item name="emsNo" label={t('bonded.field.emsNo')} rules={[{ required: true, message: t('bonded.validate.emsNoRequired') }, { pattern: /^[0-9A-Za-z]{5,30}$/, message: t('bonded.validate.emsNoShape') }]} extra={t('bonded.emsNoHint')}>
          <Input maxLength={30} data-testid="book-ems-no" />
        </Form.Item>
        <Form.Item name="name" label={t('bonded.field.name')} rules={[{ required: true, whitespace: true, message: t('bonded.validate.nameRequired') }]}>
          <Input maxLength={100} data-testid="book-name" />
        </Form.Item>
        <Form.Item name="district" label={t('bonded.field.district')} rules={[{ required: true, message: t('bonded.validate.districtRequired') }]}>
          <CodeSelect table="districts" data-testid="book-district" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
