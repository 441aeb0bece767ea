/**
 * Customs releases or rejects a list held for manual review (300) or inspection (500). The API requires a
 * reason for both: it goes into the receipt the declaring agent reads.
 */
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearanceApi } from '../../api/endpoints';
import { applyFieldError, useLang, useShowError, validated } from '../../ui/errors';

export type ListDecisionKind = 'release' | 'reject';
export interface DecisionTarget {
  copNo: string;
  decision: ListDecisionKind;
}

export const HELD = ['300', '500'];

export function DecisionModal({ target, onClose }: { target: DecisionTarget | null; onClose: (decided: boolean) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const input = useRef<TextAreaRef>(null);
  const release = target?.decision === 'release';

  useEffect(() => {
    if (!target) return;
    form.setFieldsValue({ reason: target.decision === 'release' ? t('decl.decision.defaultRelease') : '' });
    setTimeout(() => input.current?.focus(), 50);
  }, [target, form, t]);

  const submit = async () => {
    if (!target) return;
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      await clearanceApi.decide(target.copNo, { decision: target.decision, reason: v.reason.trim() });
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
      title={t(release ? 'decl.decision.releaseTitle' : 'decl.decision.rejectTitle', { copNo: target?.copNo ?? '' })}
      onCancel={() => onClose(false)}
      onOk={submit}
      okText={t(release ? 'decl.decision.release' : 'decl.decision.reject')}
      okButtonProps={{ danger: !release, loading: busy, 'data-testid': 'decision-confirm' }}
      cancelButtonProps={{ 'data-testid': 'decision-cancel' }}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t(release ? 'decl.decision.releaseHint' : 'decl.decision.rejectHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('decl.decision.reason')} rules={[{ required: true, whitespace: true, message: t('decl.decision.reasonRequired') }]} extra={t('decl.decision.reasonHint')}>
          <Input.TextArea
            ref={input}
            rows={4}
            maxLength={500}
            showCount
            data-testid="decision-reason"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Release / reject on a declaration's page: both ask for the reason (release comes pre-filled). */
export function DecisionButtons({ copNo, onDecided }: { copNo: string; onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [target, setTarget] = useState<DecisionTarget | null>(null);
  return (
    <Space>
      <Button type="primary" icon={<CheckOutlined />} onClick={() => setTarget({ copNo, decision: 'release' })} data-testid="decision-release">
        {t('decl.decision.release')}
      </Button>
      <Button danger icon={<CloseOutlined />} onClick={() => setTarget({ copNo, decision: 'reject' })} data-testid="decision-reject">
        {t('decl.decision.reject')}
      </Button>
      <DecisionModal
        target={target}
        onClose={(decided) => {
          if (decided && target) {
            message.success(t(target.decision === 'release' ? 'decl.decision.releasedMsg' : 'decl.decision.rejectedMsg', { copNo }));
            onDecided();
          }
          setTarget(null);
        }}
      />
    </Space>
  );
}
