/** "Export xlsx" above a tab: the workbook the API builds for the current filters. */
import { FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../api/client';
import { useShowError } from '../../ui/errors';
import { downloadFile } from './download';

export function XlsxButton({ path, query, fallbackName }: { path: string; query: Query; fallbackName: string }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      data-testid="export-xlsx"
      onClick={async () => {
        setBusy(true);
        try {
          await downloadFile(path, query, fallbackName);
        } catch (e) {
          showError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('exportTax.exportXlsx')}
    </Button>
  );
}
