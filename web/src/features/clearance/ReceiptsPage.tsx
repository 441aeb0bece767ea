/**
 * 回执 my receipts: the receipts customs sent to the caller, in cursor order, read page by page with
 * "load more" (the same feed an ERP polls with GET /receipts?after=); a drawer shows one receipt's XML.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { clearanceApi } from '../../api/endpoints';
import type { Receipt } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { statusColor } from '../../ui/StatusTag';
import { ReceiptDrawer } from './ReceiptDrawer';
import { receiptWord } from './ReceiptTimeline';

const PAGE = 50;

/** `list:<agentCode>:<copNo>` names a list: link to its page. */
export function subjectLink(subject: string) {
  const m = /^list:[^:]*:(.+)$/.exec(subject);
  return m ? <Link to={`/declarations/${encodeURIComponent(m[1]!)}`}>{subject}</Link> : <span>{subject}</span>;
}

export function ReceiptsPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<Receipt[]>([]);
  const [next, setNext] = useState(0);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Receipt | null>(null);
  const seq = useRef(0);

  const load = useCallback(async (after: number, replace: boolean) => {
    const my = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const p = await clearanceApi.receipts(after, PAGE);
      if (my !== seq.current) return;
      setItems((prev) => (replace ? p.items : [...prev, ...p.items]));
      setNext(p.next);
      setDone(p.items.length < PAGE);
    } catch (e) {
      if (my === seq.current) setError(e);
    } finally {
      if (my === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(0, true);
  }, [load]);

  const columns: ColumnsType<Receipt> = [
    { title: t('receipt.cursor'), dataIndex: 'cursor', width: 90, align: 'right' },
    { title: t('receipt.type'), dataIndex: 'messageType', width: 170, render: (v: string) => <Tag>{v} {t(`decl.receiptType.${v}`, { defaultValue: '' })}</Tag> },
    { title: t('receipt.subject'), dataIndex: 'subject', width: 280, render: subjectLink },
    {
      title: t('receipt.status'),
      dataIndex: 'returnStatus',
      width: 120,
      render: (s: string, r) => {
        const word = receiptWord(r.messageType, s);
        return <Tag color={word ? statusColor(word) : 'default'}>{s}{word ? ` ${t(`decl.status.${word}`)}` : ''}</Tag>;
      },
    },
    { title: t('receipt.info'), dataIndex: 'returnInfo', ellipsis: true },
    { title: t('receipt.at'), dataIndex: 'createdAt', width: 150, render: fmtDateTime },
    { title: t('common.actions'), key: 'open', width: 100, render: (_: unknown, r) => <a onClick={() => setOpen(r)} data-testid="receipt-open">{t('receipt.viewXml')}</a> },
  ];

  return (
    <Card
      title={t('nav.receipts')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load(0, true)} data-testid="receipts-refresh">
          {t('action.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('receipt.intro')}</Typography.Paragraph>
      {error ? <ErrorAlert error={error} onRetry={() => void load(next, items.length === 0)} /> : null}
      <Table<Receipt>
        rowKey="cursor"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading && items.length === 0}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="receipts-table"
        onRow={(r) => ({ onDoubleClick: () => setOpen(r) })}
        locale={{ emptyText: <Empty description={t('receipt.empty')} /> }}
      />
      <Space style={{ marginTop: 12, width: '100%', justifyContent: 'center' }}>
        {done ? (
          <Typography.Text type="secondary" data-testid="receipts-end">{t('receipt.end', { count: items.length, next })}</Typography.Text>
        ) : (
          <Button onClick={() => void load(next, false)} loading={loading} data-testid="receipts-more">
            {t('receipt.more', { count: items.length })}
          </Button>
        )}
      </Space>
      <ReceiptDrawer receipt={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
