/** Approve (one click) / reject (required reason) on a filing's detail page, for the departments that decide filings. */
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../ui/errors';
import { decideFiling, type FilingKind } from './decide';
import { RejectModal } from './RejectModal';

export function DecisionButtons({ kind, id, name, onDecided }: { kind: FilingKind; id: string; name: string; onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);

  const approve = async () => {
    setBusy(true);
    try {
      await decideFiling(kind, id, 'approve');
      message.success(t('review.approvedMsg', { name }));
      onDecided();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space>
      <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={approve} data-testid="review-approve">
        {t('review.approve')}
      </Button>
      <Button danger icon={<CloseOutlined />} onClick={() => setRejecting(true)} data-testid="review-reject">
        {t('review.reject')}
      </Button>
      <RejectModal
        kind={kind}
        target={rejecting ? { id, name } : null}
        onClose={(decided) => {
          setRejecting(false);
          if (decided) {
            message.success(t('review.rejectedMsg', { name }));
            onDecided();
          }
        }}
      />
    </Space>
  );
}
