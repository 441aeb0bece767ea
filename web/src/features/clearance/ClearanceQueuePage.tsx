/**
 * 人工审核 clearance review queue for customs: lists held for manual review (300) or inspection (500), oldest
 * first, age shown; release in one click, reject with a required reason; J/K move, A release, R reject, O open.
 */
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { clearanceApi } from '../../api/endpoints';
import type { DeclarationSummary, Page } from '../../api/types';
import { ErrorAlert, useShowError } from '../../ui/errors';
import { fmtYuan } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { AgeTag } from '../review/columns';
import { useShortcuts } from '../review/useShortcuts';
import '../review/review.css';
import { DecisionModal, HELD, type DecisionTarget } from './DecisionModal';
import { DocIcons } from './DeclStatus';
import { QueuePreview } from './QueuePreview';

/**
 * The API lists newest first; the queue shows oldest first by reading the page from the other end
 * (one call for the count, one for the rows).
 */
async function oldestFirst(status: string, page: number, size: number): Promise<Page<DeclarationSummary>> {
  const { total } = await clearanceApi.declarations({ status, limit: 1 });
  const limit = Math.min(size, total - (page - 1) * size);
  if (limit <= 0) return { total, items: [] };
  const p = await clearanceApi.declarations({ status, offset: Math.max(0, total - page * size), limit });
  return { total: p.total, items: [...p.items].reverse() };
}

const code = (v: string | null) => (v ? <code>{v}</code> : '—');

export function ClearanceQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const table = useUrlTable(['tab'] as const, { tab: '300' });
  const status = HELD.includes(table.filters.tab) ? table.filters.tab : '300';
  const list = useApi(() => oldestFirst(status, table.page, table.size), `${status}:${table.key}`);
  const counts = useApi(
    () => Promise.all(HELD.map((s) => clearanceApi.declarations({ status: s, limit: 1 }).then((p) => [s, p.total] as const))).then((e) => Object.fromEntries(e) as Record<string, number>),
    `counts:${list.data?.total ?? ''}`,
  );
  const [cursor, setCursor] = useState(0);
  const [deciding, setDeciding] = useState<DecisionTarget | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const rows = list.data?.items ?? [];
  useEffect(() => setCursor((c) => Math.min(c, Math.max(0, rows.length - 1))), [rows.length]);
  const current = rows[cursor];
  useEffect(() => {
    document.querySelector('.review-row-current')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const release = async (d: DeclarationSummary) => {
    setBusy(d.copNo);
    try {
      await clearanceApi.decide(d.copNo, { decision: 'release', reason: t('decl.decision.defaultRelease') });
      message.success(t('decl.decision.releasedMsg', { copNo: d.copNo }));
      list.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  useShortcuts(
    {
      j: () => setCursor((c) => Math.min(c + 1, rows.length - 1)),
      k: () => setCursor((c) => Math.max(c - 1, 0)),
      a: () => current && busy === null && void release(current),
      r: () => current && setDeciding({ copNo: current.copNo, decision: 'reject' }),
      o: () => current && navigate(`/declarations/${encodeURIComponent(current.copNo)}`),
    },
    deciding === null,
  );

  const columns: ColumnsType<DeclarationSummary> = [
    {
      title: t('decl.field.copNo'),
      dataIndex: 'copNo',
      width: 200,
      render: (v: string, d) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/declarations/${encodeURIComponent(v)}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('decl.field.orderNo')} {d.orderNo}</Typography.Text>
        </Space>
      ),
    },
    { title: t('decl.queue.heldFor'), key: 'age', width: 130, render: (_: unknown, d) => <AgeTag since={d.decidedAt ?? d.createdAt} t={t} label={t('decl.queue.heldSince')} /> },
    { title: t('decl.field.documents'), dataIndex: 'documents', width: 110, render: (_: unknown, d) => <DocIcons documents={d.documents} /> },
    { title: t('decl.field.dutiablePrice'), dataIndex: 'dutiablePrice', width: 110, align: 'right', render: (v: string | null) => fmtYuan(v) },
    { title: t('decl.field.taxTotal'), dataIndex: 'taxTotal', width: 100, align: 'right', render: (v: string | null) => fmtYuan(v) },
    { title: t('decl.field.ebcCode'), dataIndex: 'ebcCode', width: 120, render: code },
    { title: t('decl.field.agentCode'), dataIndex: 'agentCode', width: 120, render: code },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_: unknown, d) => (
        <Space>
          <Button type="primary" size="small" icon={<CheckOutlined />} loading={busy === d.copNo} onClick={() => release(d)} data-testid="decision-release">
            {t('decl.decision.release')}
          </Button>
          <Button danger size="small" icon={<CloseOutlined />} onClick={() => setDeciding({ copNo: d.copNo, decision: 'reject' })} data-testid="decision-reject">
            {t('decl.decision.reject')}
          </Button>
        </Space>
      ),
    },
  ];

  const tabLabel = (s: string) => (
    <Space size={6}>
      {t(`decl.queue.tab${s}`)}
      <Badge count={counts.data?.[s] ?? 0} showZero color={counts.data?.[s] ? (s === '500' ? '#722ed1' : '#1677ff') : '#d9d9d9'} overflowCount={999} />
    </Space>
  );

  return (
    <Card title={t('nav.clearanceReview')} extra={<Typography.Text type="secondary" data-testid="review-shortcuts">{t('decl.queue.shortcuts')}</Typography.Text>}>
      <Tabs
        activeKey={status}
        onChange={(k) => {
          setCursor(0);
          table.setFilters({ tab: k === '300' ? null : k });
        }}
        items={HELD.map((s) => ({ key: s, label: tabLabel(s) }))}
      />
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<DeclarationSummary>
        rowKey={(d) => `${d.agentCode ?? ''}/${d.copNo}`}
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        scroll={{ x: 1080 }}
        data-testid="clearance-queue-table"
        rowClassName={(_, i) => (i === cursor ? 'review-row-current' : '')}
        onRow={(d, i) => ({ onClick: () => setCursor(i ?? 0), 'data-testid': `declaration-row-${d.copNo}` }) as HTMLAttributes<HTMLElement>}
        pagination={tablePagination(table, list.data?.total, (n) => t('decl.queue.total', { count: n }))}
        locale={{ emptyText: <Empty description={t('decl.queue.empty')} /> }}
      />
      <QueuePreview copNo={current?.copNo} />
      <DecisionModal
        target={deciding}
        onClose={(decided) => {
          if (decided && deciding) {
            message.success(t('decl.decision.rejectedMsg', { copNo: deciding.copNo }));
            list.reload();
          }
          setDeciding(null);
        }}
      />
    </Card>
  );
}
