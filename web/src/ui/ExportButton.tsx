/** "Export" above a table: the rows matching the current filters, as CSV. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from './errors';

export function ExportButton({ run }: { run: () => Promise<void> }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid="export"
      onClick={async () => {
        setBusy(true);
        try {
          await run();
        } catch (e) {
          showError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('action.export')}
    </Button>
  );
}
