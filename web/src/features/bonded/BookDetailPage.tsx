/**
 * One account book: its header and status, then tabs for items with their stock, entry records, and the
 * ledger of every movement. The owner adds items and posts entries; customs adds items and changes the
 * status. The tab, filters and page live in the URL.
 */
import { PauseCircleOutlined, PlayCircleOutlined, PlusOutlined, StopOutlined, ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { bondedApi } from '../../api/endpoints';
import type { BookStatus } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { useApi, useUrlTable } from '../../ui/hooks';
import { ReasonModal } from '../../ui/ReasonModal';
import { AddItemModal } from './AddItemModal';
import { BookStatusTag } from './BookStatusTag';
import { EntriesTab, ItemsTab, LedgerTab, TAB_FILTERS } from './BookTabs';
import { EntryModal } from './EntryModal';

type Tab = 'items' | 'entries' | 'ledger';

export function BookDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const { emsNo = '' } = useParams();
  const book = useApi(() => bondedApi.book(emsNo), emsNo);
  const table = useUrlTable(TAB_FILTERS, { tab: 'items' });
  const tab = (['items', 'entries', 'ledger'].includes(table.filters.tab) ? table.filters.tab : 'items') as Tab;
  // Items for the entry form's picker (a book's items fit in one page of 500).
  const allItems = useApi(() => bondedApi.items(emsNo, { limit: 500 }), `${emsNo}:${book.data?.itemCount ?? ''}`);
  const [adding, setAdding] = useState(false);
  const [entering, setEntering] = useState(false);
  const [nextStatus, setNextStatus] = useState<BookStatus | null>(null);
  const [tick, setTick] = useState(0);

  if (book.error) return <ErrorAlert error={book.error} onRetry={book.reload} />;
  const b = book.data;
  if (!b) return <Card loading />;
  const owner = user.role === 'enterprise' && user.enterpriseId === b.enterpriseId;
  const active = b.status === 'active';
  const refresh = () => {
    book.reload();
    allItems.reload();
    setTick((n) => n + 1);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <code>{b.emsNo}</code>
            {b.name}
            <BookStatusTag status={b.status} />
          </Space>
        }
        extra={
          <Space wrap>
            {active && can(user.role, 'bonded.entry.post') && (owner || user.role === 'admin') ? (
              <Button type="primary" icon={<ImportOutlined />} onClick={() => setEntering(true)} disabled={!allItems.data?.items.length} data-testid="entry-new">
                {t('bonded.postEntry')}
              </Button>
            ) : null}
            {active && can(user.role, 'bonded.item.write') ? (
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="item-new">
                {t('bonded.addItem')}
              </Button>
            ) : null}
            {can(user.role, 'bonded.book.status') && b.status !== 'closed' ? (
              <>
                {b.status === 'active' ? (
                  <Button icon={<PauseCircleOutlined />} onClick={() => setNextStatus('suspended')} data-testid="book-suspend">
                    {t('bonded.suspend')}
                  </Button>
                ) : (
                  <Button icon={<PlayCircleOutlined />} onClick={() => setNextStatus('active')} data-testid="book-activate">
                    {t('bonded.activate')}
                  </Button>
                )}
                <Button danger icon={<StopOutlined />} onClick={() => setNextStatus('closed')} data-testid="book-close">
                  {t('bonded.close')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      >
        {b.status !== 'active' ? <Alert type={b.status === 'closed' ? 'error' : 'warning'} showIcon style={{ marginBottom: 12 }} title={t(`bonded.statusHint.${b.status}`)} description={b.statusReason || t('common.noReason')} data-testid="book-status-reason" /> : null}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('bonded.field.emsNo')}><code>{b.emsNo}</code></Descriptions.Item>
          <Descriptions.Item label={t('bonded.field.enterprise')}><Link to={`/enterprises/${b.enterpriseId}`}>{b.enterpriseName ?? b.enterpriseId}</Link> <code>{b.enterpriseCode}</code></Descriptions.Item>
          <Descriptions.Item label={t('bonded.field.district')}>{b.district}</Descriptions.Item>
          <Descriptions.Item label={t('bonded.field.itemCount')}>{b.itemCount}</Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>{fmtDateTime(b.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{fmtDateTime(b.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => table.setFilters({ tab: k === 'items' ? null : k, q: null, inStock: null, item: null, kind: null, ref: null, from: null, to: null })}
          items={[
            { key: 'items', label: t('bonded.tab.items'), children: tab === 'items' ? <ItemsTab emsNo={b.emsNo} table={table} tick={tick} /> : null },
            { key: 'entries', label: t('bonded.tab.entries'), children: tab === 'entries' ? <EntriesTab emsNo={b.emsNo} table={table} tick={tick} /> : null },
            { key: 'ledger', label: t('bonded.tab.ledger'), children: tab === 'ledger' ? <LedgerTab emsNo={b.emsNo} table={table} tick={tick} /> : null },
          ]}
        />
      </Card>
      <AddItemModal
        emsNo={b.emsNo}
        open={adding}
        onClose={(added) => {
          setAdding(false);
          if (added) {
            message.success(t('bonded.itemAdded'));
            refresh();
          }
        }}
      />
      <EntryModal
        emsNo={b.emsNo}
        items={allItems.data?.items ?? []}
        open={entering}
        onClose={(posted) => {
          setEntering(false);
          if (posted) {
            message.success(t('bonded.entryPosted'));
            refresh();
          }
        }}
      />
      <ReasonModal
        open={nextStatus !== null}
        title={nextStatus ? t(`bonded.statusTitle.${nextStatus}`, { emsNo: b.emsNo }) : ''}
        text={nextStatus ? t(`bonded.statusText.${nextStatus}`) : undefined}
        okText={nextStatus ? t(`bonded.statusOk.${nextStatus}`) : ''}
        danger={nextStatus !== 'active'}
        required={nextStatus !== 'active'}
        onSubmit={(reason) => bondedApi.setStatus(b.emsNo, { status: nextStatus!, ...(reason ? { reason } : {}) })}
        onClose={(done) => {
          setNextStatus(null);
          if (done) refresh();
        }}
      />
    </Space>
  );
}
