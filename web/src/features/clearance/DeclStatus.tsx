/** A list's status tag (UI.md colours) and its four documents as small icons. */
import { CarOutlined, CreditCardOutlined, FileTextOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_KINDS, type DocKind, type DocPresence } from '../../api/types';
import { statusColor } from '../../ui/StatusTag';

/** The status word of a list status code, for filters and receipts (the API sends it as statusText too). */
export const STATUS_WORDS: Record<string, string> = {
  '120': 'waiting',
  '100': 'rejected',
  '300': 'manual_review',
  '399': 'cancelled',
  '500': 'inspection',
  '800': 'released',
  '899': 'closed',
};

export function DeclStatusTag({ status, statusText }: { status: string; statusText?: string }) {
  const { t } = useTranslation();
  const word = statusText ?? STATUS_WORDS[status] ?? status;
  return (
    <Tag color={statusColor(word)} data-testid="decl-status" data-status={status} data-status-text={word}>
      {t(`decl.status.${word}`, { defaultValue: word })}
    </Tag>
  );
}

export const DOC_ICONS: Record<DocKind, ReactNode> = {
  order: <ShoppingCartOutlined />,
  payment: <CreditCardOutlined />,
  waybill: <CarOutlined />,
  list: <FileTextOutlined />,
};

/** Order, payment, waybill, list: green when received, grey when still missing. */
export function DocIcons({ documents }: { documents: DocPresence }) {
  const { t } = useTranslation();
  const complete = DOC_KINDS.every((k) => documents[k]);
  return (
    <Space size={6} data-testid="doc-icons" data-complete={complete}>
      {DOC_KINDS.map((k) => (
        <Tooltip key={k} title={t('decl.doc.presence', { doc: t(`decl.doc.${k}`), state: t(documents[k] ? 'decl.doc.received' : 'decl.doc.missing') })}>
          <span data-doc={k} data-present={documents[k]} style={{ color: documents[k] ? '#52c41a' : '#d9d9d9', fontSize: 15 }}>
            {DOC_ICONS[k]}
          </span>
        </Tooltip>
      ))}
    </Space>
  );
}
