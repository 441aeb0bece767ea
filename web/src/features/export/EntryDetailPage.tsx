/**
 * One B2B customs declaration: its header, attached document 10000004 with the number customs matched
 * against the platform order (9710) or booking order (9810), the match result with its reasons in the
 * reader's language, and the goods lines. Customs releases or rejects one that did not match (300).
 */
import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { ApiError } from '../../api/client';
import { exportApi } from '../../api/endpoints';
import type { ExportEntry, ExportEntryLine } from '../../api/exportTypes';
import { ErrorAlert, useLang } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { ReasonModal } from '../../ui/ReasonModal';
import { code, ExportStatusTag, Money } from './ExportStatus';
import { MatchTag } from './MatchTag';

function MatchResult({ e }: { e: ExportEntry }) {
  const { t } = useTranslation();
  const lang = useLang();
  const matched = e.matchStatus === 'matched';
  const against = t(e.tradeMode === '9810' ? 'export.entry.againstBooking' : 'export.entry.againstOrder');
  return (
    <Alert
      type={matched ? 'success' : 'error'}
      showIcon
      data-testid="entry-match"
      data-status={e.matchStatus}
      title={t(matched ? 'export.entry.matchedText' : 'export.entry.unmatchedText', { against, no: e.attachedNo })}
      description={
        e.reasons.length ? (
          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="entry-reasons">
            {e.reasons.map((r, i) => (
              <li key={i}>
                <Tag color={matched ? 'default' : 'red'}>{r.code}</Tag>
                {r.message[lang]}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** What the declaration was matched against, as its filer sent it: the head's plain fields. */
function AttachedDocument({ e }: { e: ExportEntry }) {
  const { t } = useTranslation();
  const title = t('export.entry.attachedDoc', { what: t(e.attached.kind === 'booking' ? 'export.entry.againstBooking' : 'export.entry.againstOrder'), no: e.attached.no });
  const fields = Object.entries(e.attached.document ?? {}).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  return (
    <Card title={title} data-testid="entry-attached-document">
      {e.attached.document ? (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          {fields.map(([k, v]) => (
            <Descriptions.Item key={k} label={k}>{v === null ? '—' : String(v)}</Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Typography.Text type="danger">{t('export.entry.attachedMissing', { no: e.attached.no })}</Typography.Text>
      )}
    </Card>
  );
}

export function EntryDetailPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { entryId = '' } = useParams();
  const entry = useApi(() => exportApi.entry(entryId), `entry:${entryId}`);
  const [deciding, setDeciding] = useState<'release' | 'reject' | null>(null);

  if (entry.error instanceof ApiError && entry.error.status === 404) {
    return <Result status="404" title={t('export.entry.notFound', { entryId })} subTitle={<ErrorAlert error={entry.error} />} extra={<Link to="/export/entries"><Button type="primary">{t('export.entry.backToList')}</Button></Link>} />;
  }
  if (entry.error) return <ErrorAlert error={entry.error} onRetry={entry.reload} />;
  if (!entry.data) return <Card loading />;
  const e = entry.data;

  const columns: ColumnsType<ExportEntryLine> = [
    { title: t('export.line.gnum'), dataIndex: 'gnum', width: 60 },
    { title: t('export.line.gcode'), dataIndex: 'gcode', width: 130, render: (v: string) => <code>{v}</code> },
    { title: t('export.line.gname'), dataIndex: 'gname' },
    { title: t('export.line.qty'), dataIndex: 'qty', width: 100, align: 'right' },
    { title: t('export.line.unit'), dataIndex: 'unit', width: 70 },
    { title: t('export.line.price'), dataIndex: 'price', width: 120, align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('export.line.totalPrice'), dataIndex: 'totalPrice', width: 140, align: 'right', render: (v: string) => <Money value={v} currency={e.currency} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Link to="/export/entries">{t('export.entry.backToList')}</Link>
        <Button size="small" icon={<ReloadOutlined />} onClick={entry.reload} loading={entry.loading}>{t('action.refresh')}</Button>
      </Space>
      <Card
        title={
          <Space>
            {t('export.entry.title', { entryId: e.entryId })}
            <MatchTag status={e.matchStatus} />
            <ExportStatusTag status={e.status} />
          </Space>
        }
        extra={
          can(user.role, 'export.entry.decide') && e.status === '300' ? (
            <Space>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setDeciding('release')} data-testid="entry-release">{t('export.entry.release')}</Button>
              <Button danger icon={<CloseOutlined />} onClick={() => setDeciding('reject')} data-testid="entry-reject">{t('export.entry.reject')}</Button>
            </Space>
          ) : null
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('export.field.entryId')}><Typography.Text copyable data-testid="entry-id">{e.entryId}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('export.field.copNo')}>{e.copNo}</Descriptions.Item>
          <Descriptions.Item label={t('export.field.tradeMode')}>{`${e.tradeMode} ${t(`export.tradeMode.${e.tradeMode}`, { defaultValue: '' })}`}</Descriptions.Item>
          <Descriptions.Item label={t('export.entry.attached')}>
            <Space size={4}>
              <Tag>10000004</Tag>
              <code data-testid="entry-attached-no">{e.attachedNo}</code>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('export.field.ebcCode')}>{code(e.ebcCode)}</Descriptions.Item>
          <Descriptions.Item label={t('export.field.agentCode')}>{code(e.agentCode)}</Descriptions.Item>
          <Descriptions.Item label={t('export.field.ebpCode')}>{code(e.ebpCode)}</Descriptions.Item>
          <Descriptions.Item label={t('export.field.goodsValue')}><Money value={e.goodsValue} currency={e.currency} /></Descriptions.Item>
          <Descriptions.Item label={t('export.field.customsCode')}>{code(e.customsCode)}</Descriptions.Item>
          <Descriptions.Item label={t('export.field.portCode')}>{code(e.portCode)}</Descriptions.Item>
          <Descriptions.Item label={t('export.field.country')}>{code(e.country)}</Descriptions.Item>
          <Descriptions.Item label={t('export.field.createdAt')}>{fmtDateTime(e.createdAt)}</Descriptions.Item>
        </Descriptions>
        <MatchResult e={e} />
      </Card>
      <AttachedDocument e={e} />
      <Card title={t('export.line.title')} styles={{ body: { padding: 0 } }}>
        <Table<ExportEntryLine> rowKey="gnum" size="small" pagination={false} columns={columns} dataSource={e.lines} scroll={{ x: 760 }} data-testid="entry-lines" />
      </Card>
      <ReasonModal
        open={deciding !== null}
        title={deciding ? t(`export.entry.${deciding}Title`, { entryId: e.entryId }) : ''}
        text={deciding ? t(`export.entry.${deciding}Hint`) : undefined}
        okText={deciding ? t(`export.entry.${deciding}`) : ''}
        danger={deciding === 'reject'}
        onSubmit={(reason) => exportApi.decideEntry(e.entryId, { decision: deciding!, reason })}
        onClose={(done) => {
          setDeciding(null);
          if (done) entry.reload();
        }}
      />
    </Space>
  );
}
