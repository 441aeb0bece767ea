/** Create an API key: ask for a label, then show the key ONCE with a copy button and a warning. */
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiKeysApi } from '../../api/endpoints';
import type { NewApiKey } from '../../api/types';
import { useShowError } from '../../ui/errors';

interface Props {
  enterpriseId: string | null;
  open: boolean;
  onClose: (created: boolean) => void;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // insecure origins have no clipboard API: fall back to a selection copy
    const ta = document.createElement('textarea');
    ta.value = text;
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

export function NewKeyDialog({ enterpriseId, open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<NewApiKey | null>(null);

  const close = () => {
    const wasCreated = created !== null;
    setCreated(null);
    setLabel('');
    onClose(wasCreated);
  };

  const create = async () => {
    if (!enterpriseId) return;
    setBusy(true);
    try {
      setCreated(await apiKeysApi.create(enterpriseId, label.trim() || undefined));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Modal
        open={open}
        title={t('apiKey.createdTitle')}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        footer={
          <Button type="primary" onClick={close} data-testid="apikey-done">
            {t('apiKey.savedIt')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('apiKey.onceWarning')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          <Input.TextArea readOnly value={created.key} autoSize data-testid="apikey-value" style={{ fontFamily: 'monospace' }} onFocus={(e) => e.target.select()} />
        </Typography.Paragraph>
        <Button
          icon={<CopyOutlined />}
          data-testid="apikey-copy"
          onClick={async () => ((await copyText(created.key)) ? message.success(t('apiKey.copied')) : message.error(t('apiKey.copyFailed')))}
        >
          {t('action.copy')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('apiKey.usage', { prefix: created.prefix })}
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <Modal
      open={open}
      title={t('apiKey.createTitle')}
      onCancel={close}
      onOk={create}
      okText={t('apiKey.create')}
      okButtonProps={{ loading: busy, disabled: !enterpriseId, 'data-testid': 'apikey-create-confirm' }}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={create}>
        <Form.Item label={t('apiKey.label')} extra={t('apiKey.labelHint')}>
          <Input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={100} data-testid="apikey-label" onPressEnter={create} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
