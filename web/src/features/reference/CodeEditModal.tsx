/** Add or edit one entry of a code table (admin/customs). */
import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { referenceApi } from '../../api/endpoints';
import type { CodeEntry, CodeTable } from '../../api/types';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';

interface Values {
  code: string;
  name: string;
  nameEn?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
}
const FIELDS: Record<string, string[]> = Object.fromEntries(['code', 'name', 'nameEn', 'effectiveFrom', 'effectiveTo'].map((f) => [f, [f]]));
const day = (v: string | null | undefined) => (v ? v.slice(0, 10) : undefined);

/** `entry` null = closed; `{}` with no code = a new entry. */
export function CodeEditModal({ table, entry, onClose }: { table: CodeTable; entry: Partial<CodeEntry> | null; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const isNew = !entry?.code;

  useEffect(() => {
    if (entry) form.setFieldsValue({ code: entry.code ?? '', name: entry.name ?? '', nameEn: entry.nameEn ?? '', effectiveFrom: day(entry.effectiveFrom), effectiveTo: day(entry.effectiveTo) });
  }, [entry, form]);

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      await referenceApi.putCode(table, v.code.trim(), {
        name: v.name.trim(),
        ...(v.nameEn ? { nameEn: v.nameEn.trim() } : {}),
        ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom } : {}),
        ...(v.effectiveTo ? { effectiveTo: v.effectiveTo } : {}),
      });
      onClose(true);
    } catch (e) {
      if (!applyFieldError(form, e, lang, FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={entry !== null} title={isNew ? t('codes.addTitle', { table: t(`codes.table.${table}`) }) : t('codes.editTitle', { code: entry?.code ?? '' })} onCancel={() => onClose(false)} onOk={save} okText={t('action.save')} okButtonProps={{ loading: busy }} forceRender>
      <Form form={form} layout="vertical">
        <Form.Item name="code" label={t('codes.code')} rules={[{ required: true, whitespace: true, message: t('codes.codeRequired') }]}>
          <Input disabled={!isNew} maxLength={20} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="name" label={t('codes.name')} rules={[{ required: true, whitespace: true, message: t('codes.nameRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('codes.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('codes.effectiveFrom')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="effectiveTo" label={t('codes.effectiveTo')} extra={t('codes.effectiveToHint')}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
