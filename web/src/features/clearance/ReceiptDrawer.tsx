/** One receipt: its fields and the XML customs sent, indented for reading, with a copy of the original. */
import { Descriptions, Drawer, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Receipt } from '../../api/types';
import { fmtDateTime } from '../../ui/format';

/** Line breaks between elements (the XML itself stays as sent; only whitespace is added for display). */
export function indentXml(xml: string): string {
  const parts = xml
    .replace(/>\s*(?=<[^/])/g, '>\n')
    .replace(/(<\/[^>]+>)\s*(?=<)/g, '$1\n')
    .split('\n');
  let depth = 0;
  return parts
    .map((p) => {
      if (/^<\//.test(p)) depth = Math.max(0, depth - 1);
      const line = `${'  '.repeat(depth)}${p}`;
      if (/^<[^!?/][^>]*[^/]>$/.test(p) && !/<\/[^>]+>$/.test(p)) depth += 1;
      return line;
    })
    .join('\n');
}

export function ReceiptDrawer({ receipt, onClose }: { receipt: Receipt | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={receipt !== null} onClose={onClose} size={720} title={receipt ? `${receipt.messageType} · ${receipt.guid}` : ''} data-testid="receipt-drawer">
      {receipt ? (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('receipt.cursor')}>{receipt.cursor}</Descriptions.Item>
            <Descriptions.Item label={t('receipt.subject')}>{receipt.subject}</Descriptions.Item>
            <Descriptions.Item label={t('receipt.status')}>{receipt.returnStatus}</Descriptions.Item>
            <Descriptions.Item label={t('receipt.info')}>{receipt.returnInfo || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('receipt.returnTime')}>{receipt.returnTime}</Descriptions.Item>
            <Descriptions.Item label={t('receipt.at')}>{fmtDateTime(receipt.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ display: 'flex', justifyContent: 'space-between' }}>
            XML
            <Typography.Text copyable={{ text: receipt.xml }} style={{ fontSize: 13, fontWeight: 'normal' }}>
              {t('receipt.copyXml')}
            </Typography.Text>
          </Typography.Title>
          <pre data-testid="receipt-xml" style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 12, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: '60vh', overflow: 'auto' }}>
            {indentXml(receipt.xml)}
          </pre>
        </>
      ) : null}
    </Drawer>
  );
}
