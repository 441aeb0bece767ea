/** Reject with a required reason (the enterprise reads it on its home page). */
import { Form, Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';
import { decideFiling, type FilingKind } from './decide';

interface Props {
  kind: FilingKind;
  target: { id: string; name: string } | null;
  onClose: (decided: boolean) => void;
}

export function RejectModal({ kind, target, onClose }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const input = useRef<TextAreaRef>(null);

  useEffect(() => {
    if (target) {
      form.resetFields();
      setTimeout(() => input.current?.focus(), 50);
    }
  }, [target, form]);

  const submit = async () => {
    if (!target) return;
    const v = await validated(form);
    if (!v) return;
    const { reason } = v;
    setBusy(true);
    try {
      await decideFiling(kind, target.id, 'reject', reason);
      onClose(true);
    } catch (e) {
      if (!applyFieldError(form, e, lang, { reason: ['reason'] })) showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={t('review.rejectTitle')}
      onCancel={() => onClose(false)}
      onOk={submit}
      okText={t('review.reject')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'review-confirm' }}
      cancelButtonProps={{ 'data-testid': 'review-cancel' }}
      forceRender
    >
      <Typography.Paragraph>{t('review.rejectOf', { name: target?.name ?? '' })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('review.reason')} rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]} extra={t('review.reasonHint')}>
          <Input.TextArea
            ref={input}
            rows={4}
            maxLength={500}
            showCount
            data-testid="review-reason"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
