/**
 * 备案审核 review queue: pending enterprise and product filings and (for customs) push-on-behalf undertakings,
 * oldest first, age shown; one click to approve, reject with a required reason; J/K move, A approve,
 * R reject, O open.
 */
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { enterprisesApi, productsApi, undertakingsApi } from '../../api/endpoints';
import type { Page } from '../../api/types';
import { ErrorAlert, useShowError } from '../../ui/errors';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { enterpriseColumns, productColumns, undertakingColumns } from './columns';
import { decideFiling, type FilingKind } from './decide';
import { RejectModal } from './RejectModal';
import { useShortcuts } from './useShortcuts';
import './review.css';

type Row = { id: string; name?: string; itemName?: string; enterpriseName?: string | null };

export function ReviewQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const user = useUser();
  const kinds: FilingKind[] = can(user.role, 'undertaking.decide') ? ['enterprises', 'products', 'undertakings'] : ['enterprises', 'products'];
  const table = useUrlTable(['tab'] as const, { tab: 'enterprises' });
  const kind: FilingKind = kinds.find((k) => k === table.filters.tab) ?? 'enterprises';
  const q = { status: 'pending', sort: 'oldest', limit: table.limit, offset: table.offset };
  const list = useApi<Page<Row>>(() => (kind === 'enterprises' ? enterprisesApi.list(q) : kind === 'products' ? productsApi.list(q) : undertakingsApi.list(q)), `${kind}:${table.key}`);
  const counts = useApi(
    () =>
      Promise.all(kinds.map((k) => (k === 'enterprises' ? enterprisesApi : k === 'products' ? productsApi : undertakingsApi).list({ status: 'pending', limit: 1 }))).then(
        (pages) => Object.fromEntries(kinds.map((k, i) => [k, pages[i]!.total])) as Partial<Record<FilingKind, number>>,
      ),
    `counts:${list.data?.total ?? ''}`,
  );
  const [cursor, setCursor] = useState(0);
  const [rejecting, setRejecting] = useState<{ id: string; name: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const rows = list.data?.items ?? [];
  useEffect(() => setCursor((c) => Math.min(c, Math.max(0, rows.length - 1))), [rows.length]);
  const nameOf = (r: Row) => r.name ?? r.itemName ?? r.enterpriseName ?? r.id;
  const current = rows[cursor];
  useEffect(() => {
    document.querySelector('.review-row-current')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const approve = async (r: Row) => {
    setBusyId(r.id);
    try {
      await decideFiling(kind, r.id, 'approve');
      message.success(t('review.approvedMsg', { name: nameOf(r) }));
      list.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusyId(null);
    }
  };

  useShortcuts(
    {
      j: () => setCursor((c) => Math.min(c + 1, rows.length - 1)),
      k: () => setCursor((c) => Math.max(c - 1, 0)),
      a: () => current && busyId === null && void approve(current),
      r: () => current && setRejecting({ id: current.id, name: nameOf(current) }),
      o: () => current && navigate(`/${kind}/${current.id}`),
    },
    rejecting === null,
  );

  const actions: ColumnsType<Row>[number] = {
    title: t('common.actions'),
    key: 'actions',
    width: 190,
    fixed: 'right',
    render: (_, r) => (
      <Space>
        <Button type="primary" size="small" icon={<CheckOutlined />} loading={busyId === r.id} onClick={() => approve(r)} data-testid="review-approve">
          {t('review.approve')}
        </Button>
        <Button danger size="small" icon={<CloseOutlined />} onClick={() => setRejecting({ id: r.id, name: nameOf(r) })} data-testid="review-reject">
          {t('review.reject')}
        </Button>
      </Space>
    ),
  };
  const columns = useMemo(
    () => [...((kind === 'enterprises' ? enterpriseColumns(t) : kind === 'products' ? productColumns(t) : undertakingColumns(t)) as ColumnsType<Row>), actions],
    [kind, t, busyId],
  );

  const tabLabel = (k: FilingKind) => (
    <Space size={6}>
      {t(k === 'enterprises' ? 'review.tabEnterprises' : k === 'products' ? 'review.tabProducts' : 'review.tabUndertakings')}
      <Badge count={counts.data?.[k] ?? 0} showZero color={counts.data?.[k] ? '#fa8c16' : '#d9d9d9'} overflowCount={999} />
    </Space>
  );

  return (
    <Card title={t('nav.reviewQueue')} extra={<Typography.Text type="secondary" data-testid="review-shortcuts">{t('review.shortcuts')}</Typography.Text>}>
      <Tabs
        activeKey={kind}
        onChange={(k) => {
          setCursor(0);
          table.setFilters({ tab: k === 'enterprises' ? null : k });
        }}
        items={kinds.map((k) => ({ key: k, label: tabLabel(k) }))}
      />
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        scroll={{ x: 1000 }}
        data-testid="review-table"
        rowClassName={(_, i) => (i === cursor ? 'review-row-current' : '')}
        onRow={(_, i) => ({ onClick: () => setCursor(i ?? 0) })}
        pagination={tablePagination(table, list.data?.total, (n) => t('review.pendingTotal', { count: n }))}
        locale={{ emptyText: <Empty description={t('review.empty')} /> }}
      />
      <RejectModal
        kind={kind}
        target={rejecting}
        onClose={(decided) => {
          if (decided && rejecting) {
            message.success(t('review.rejectedMsg', { name: rejecting.name }));
            list.reload();
          }
          setRejecting(null);
        }}
      />
    </Card>
  );
}
