/** The receipts customs sent about a list, oldest first: who received it, when, the status and the reason. */
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Inventory, InventoryDocuments } from '../../api/types';
import { fmtDateTime } from '../../ui/format';
import { statusColor } from '../../ui/StatusTag';
import { STATUS_WORDS } from './DeclStatus';

/** Which party each receipt type goes to (the API does not say; the message type does). */
const RECIPIENT: Record<string, 'ebp' | 'payment' | 'logistics' | 'agent'> = {
  CEB312: 'ebp',
  CEB412: 'payment',
  CEB512: 'logistics',
  CEB622: 'agent',
  CEB624: 'agent',
  CEB626: 'agent',
  CEB816: 'agent',
  CEB818: 'agent',
};

function recipientCode(role: string | undefined, inv: Inventory, docs: InventoryDocuments | undefined): string | null {
  switch (role) {
    case 'ebp':
      return inv.ebpCode;
    case 'payment':
      return (docs?.payment?.payCode as string | undefined) ?? (docs?.order?.payCode as string | undefined) ?? null;
    case 'logistics':
      return (docs?.waybill?.logisticsCode as string | undefined) ?? (docs?.list?.logisticsCode as string | undefined) ?? null;
    case 'agent':
      return inv.agentCode;
    default:
      return null;
  }
}

/** A list receipt's status as a word; other receipts (tax bills, "1") keep their code. */
export function receiptWord(messageType: string, status: string): string | null {
  if (messageType === 'CEB816' || messageType === 'CEB818') return null;
  if (status === '120') return 'accepted';
  return STATUS_WORDS[status] ?? null;
}

export function ReceiptTimeline({ inv, docs }: { inv: Inventory; docs?: InventoryDocuments }) {
  const { t } = useTranslation();
  const receipts = [...inv.receipts].sort((a, b) => a.cursor - b.cursor);
  const items = receipts.map((r) => {
    const word = receiptWord(r.messageType, r.returnStatus);
    const role = RECIPIENT[r.messageType];
    const code = recipientCode(role, inv, docs);
    return {
      key: r.cursor,
      color: word === 'rejected' ? 'red' : word === 'released' ? 'green' : word === 'inspection' ? 'purple' : word === 'manual_review' ? 'blue' : 'gray',
      content: (
        <div data-testid="receipt-item" data-status={r.returnStatus} data-type={r.messageType}>
          <Space wrap size={8}>
            <Typography.Text strong>{fmtDateTime(r.at)}</Typography.Text>
            <Tag>{r.messageType} {t(`decl.receiptType.${r.messageType}`, { defaultValue: '' })}</Tag>
            <Tag color={word ? statusColor(word) : 'default'}>
              {r.returnStatus}
              {word ? ` ${t(`decl.status.${word}`)}` : ''}
            </Tag>
          </Space>
          <div>
            <Typography.Text type="secondary">
              {t('decl.timeline.who', { role: role ? t(`enterpriseRole.${role}`) : '—', code: code ?? '' })}
            </Typography.Text>
          </div>
          {r.returnInfo ? <Typography.Text type={word === 'rejected' ? 'danger' : undefined}>{r.returnInfo}</Typography.Text> : null}
        </div>
      ),
    };
  });
  return (
    <Card title={t('decl.timeline.title')}>
      <div data-testid="receipt-timeline">
        {items.length ? <Timeline items={items} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decl.timeline.empty')} />}
      </div>
    </Card>
  );
}
