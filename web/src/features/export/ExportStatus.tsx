/**
 * An export list's status tag (UI.md colours), its four documents as icons, its arrival and departure
 * flags, and money with its currency. Statuses are CEB604 codes: 120 accepted, 399 concluded (matched,
 * awaiting arrival), 800 released, 899 departed (closed), 100 rejected; a cancelled list says so whatever its code.
 */
import { CarOutlined, CheckCircleFilled, FileTextOutlined, MinusCircleOutlined, SendOutlined, ShoppingCartOutlined, WalletOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_DOC_KINDS, type ExportDocKind, type ExportDocPresence } from '../../api/exportTypes';
import { fmtYuan } from '../../ui/format';

/** The status word of a list status code (labels under export.status). */
export const EXPORT_STATUS_WORDS: Record<string, string> = {
  '120': 'accepted',
  '399': 'concluded',
  '800': 'released',
  '899': 'departed',
  '100': 'rejected',
  // B2B customs declarations that did not match their order or booking wait for customs.
  '300': 'manual_review',
};

/** One colour per status across the console: released green, rejected red, waiting grey, closed cyan. */
const COLORS: Record<string, string> = {
  accepted: 'default',
  concluded: 'blue',
  released: 'green',
  departed: 'cyan',
  rejected: 'red',
  manual_review: 'blue',
  cancelled: 'default',
};

export function exportStatusWord(status: string, cancelled = false): string {
  return cancelled ? 'cancelled' : EXPORT_STATUS_WORDS[status] ?? status;
}

export function ExportStatusTag({ status, statusText, cancelled = false }: { status: string; statusText?: string; cancelled?: boolean }) {
  const { t } = useTranslation();
  const word = exportStatusWord(status, cancelled);
  const label = EXPORT_STATUS_WORDS[status] || cancelled ? t(`export.status.${word}`) : statusText || status;
  return (
    <Tag color={COLORS[word] ?? 'default'} data-testid="export-status" data-status={status} data-cancelled={cancelled} data-status-text={word}>
      {label}
    </Tag>
  );
}

export const EXPORT_DOC_ICONS: Record<ExportDocKind, ReactNode> = {
  order: <ShoppingCartOutlined />,
  receipt: <WalletOutlined />,
  waybill: <CarOutlined />,
  list: <FileTextOutlined />,
};

/**
 * The label of a document slot: for 9810 the order slot holds the booking order (订仓单).
 */
export function docLabelKey(kind: ExportDocKind, tradeMode: string | null | undefined): string {
  return kind === 'order' && tradeMode === '9810' ? 'export.doc.booking' : `export.doc.${kind}`;
}

/** 9710 (B2B direct export) needs no receipt of payment. */
export function docRequired(kind: ExportDocKind, tradeMode: string | null | undefined): boolean {
  return !(kind === 'receipt' && tradeMode === '9710');
}

/** Order, receipt of payment, waybill, list: green when received, grey when missing, dashed when not required. */
export function ExportDocIcons({ documents, tradeMode }: { documents: ExportDocPresence; tradeMode: string | null }) {
  const { t } = useTranslation();
  const complete = EXPORT_DOC_KINDS.every((k) => documents[k] || !docRequired(k, tradeMode));
  return (
    <Space size={6} data-testid="export-doc-icons" data-complete={complete}>
      {EXPORT_DOC_KINDS.map((k) => {
        const state = documents[k] ? 'received' : docRequired(k, tradeMode) ? 'missing' : 'notRequired';
        return (
          <Tooltip key={k} title={t('export.doc.presence', { doc: t(docLabelKey(k, tradeMode)), state: t(`export.doc.${state}`) })}>
            <span data-doc={k} data-present={documents[k]} style={{ color: documents[k] ? '#52c41a' : '#d9d9d9', fontSize: 15, opacity: state === 'notRequired' ? 0.4 : 1 }}>
              {EXPORT_DOC_ICONS[k]}
            </span>
          </Tooltip>
        );
      })}
    </Space>
  );
}

/** Arrived at the supervised site (运抵) and departed (离境), each green when done. */
export function MovementFlags({ arrived, departed }: { arrived: boolean; departed: boolean }) {
  const { t } = useTranslation();
  const flag = (done: boolean, key: 'arrived' | 'departed', icon: ReactNode) => (
    <Tooltip title={t(`export.flag.${key}${done ? '' : 'Not'}`)}>
      <Tag color={done ? 'green' : 'default'} icon={done ? icon : <MinusCircleOutlined />} data-testid={`flag-${key}`} data-done={done} style={{ marginInlineEnd: 0 }}>
        {t(`export.flag.${key}Short`)}
      </Tag>
    </Tooltip>
  );
  return (
    <Space size={4}>
      {flag(arrived, 'arrived', <CheckCircleFilled />)}
      {flag(departed, 'departed', <SendOutlined />)}
    </Space>
  );
}

/** Customs currency codes (GB/T 12406 as customs numbers them) shown as ISO letters; others keep the code. */
const CURRENCIES: Record<string, string> = { '142': 'CNY', '502': 'USD', '110': 'HKD', '300': 'EUR', '303': 'GBP', '116': 'JPY', '601': 'AUD', '501': 'CAD' };

export function currencyName(code: string | null | undefined): string {
  if (!code) return '';
  return CURRENCIES[code] ?? code;
}

/** An amount right-aligned by its column, two decimals, with its currency. */
export function Money({ value, currency, testId }: { value: string | null | undefined; currency?: string | null; testId?: string }) {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span data-testid={testId} data-value={value} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {fmtYuan(value)}
      {currency ? <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>{currencyName(currency)}</Typography.Text> : null}
    </span>
  );
}

/** A code in monospace, or a dash. */
export const code = (v: string | null | undefined) => (v ? <code>{v}</code> : <Typography.Text type="secondary">—</Typography.Text>);
