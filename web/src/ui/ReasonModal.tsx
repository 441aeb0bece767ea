/** A confirmation that asks for a reason (required unless said otherwise) and runs the action with it. */
import { Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldError, useLang, useShowError, validated } from './errors';

interface Props {
  open: boolean;
  title: string;
  text?: string;
  okText: string;
  danger?: boolean;
  required?: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: (done: boolean) => void;
}

export function ReasonModal({ open, title, text, okText, danger = true, required = true, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      await onSubmit((v.reason ?? '').trim());
      onClose(true);
    } catch (e) {
      if (!applyFieldError(form, e, lang, { reason: ['reason'] })) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={() => onClose(false)}
      onOk={submit}
      okText={okText}
      okButtonProps={{ danger, loading: busy, 'data-testid': 'reason-confirm' }}
      cancelButtonProps={{ 'data-testid': 'reason-cancel' }}
      forceRender
    >
      {text ? <Typography.Paragraph>{text}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('review.reason')} rules={required ? [{ required: true, whitespace: true, message: t('reasonModal.required') }] : []}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            autoFocus
            data-testid="reason-input"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
