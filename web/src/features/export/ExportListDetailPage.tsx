/**
 * An export list's page: its header (status, statistics flag, parties, customs and port, destination, goods
 * value, arrival and departure, the summary declaration it went into), the reasons in the reader's language,
 * the four documents side by side, the goods lines and returns, and one timeline of receipts and events.
 * `?agentCode=` names the declaring agent when two agents used the same copNo. The list's declaring agent or
 * consignor files an export return here once the list is released or departed.
 */
import { ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { exportApi } from '../../api/endpoints';
import type { ExportListDetail, ExportListLine, ExportReason, ExportReturn } from '../../api/exportTypes';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { ErrorAlert, useLang } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { ExportDocuments } from './ExportDocuments';
import { ExportReturnModal, mayFileReturn } from './ExportReturnModal';
import { StatisticsFlag } from './ExportListPage';
import { code, ExportStatusTag, Money, MovementFlags } from './ExportStatus';
import { ExportTimeline } from './ExportTimeline';
import { useMyEnterprise } from './useMyEnterprise';

const ALERT: Record<string, 'error' | 'info' | 'warning' | 'success'> = { '100': 'error', '120': 'info', '399': 'info', '800': 'success', '899': 'success' };

/** Reasons as the import page shows them: the code, then the text in the reader's language. */
export function ExportReasons({ reasons, status, titleKey }: { reasons: ExportReason[]; status: string; titleKey: string }) {
  const lang = useLang();
  const { t } = useTranslation();
  if (!reasons.length) return null;
  return (
    <Alert
      type={ALERT[status] ?? 'info'}
      showIcon
      data-testid="export-reasons"
      title={t(`${titleKey}${status}`, { defaultValue: t(`${titleKey}`) })}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {reasons.map((r, i) => (
            <li key={i}>
              <Tag color={status === '100' ? 'red' : 'default'}>{r.code}</Tag>
              {r.message[lang]}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function Header({ l, extra }: { l: ExportListDetail; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card
      title={
        <Space>
          {t('export.page.title', { copNo: l.copNo })}
          <ExportStatusTag status={l.status} statusText={l.statusText} cancelled={l.cancelled} />
          <StatisticsFlag flag={l.statisticsFlag} />
        </Space>
      }
      extra={extra}
      data-testid="export-header"
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: l.reasons.length ? 12 : 0 }}>
        <Descriptions.Item label={t('export.field.copNo')}>{l.copNo}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.invtNo')}>{code(l.invtNo)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.orderNo')}>{code(l.orderNo)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.tradeMode')}>{l.tradeMode ? `${l.tradeMode} ${t(`export.tradeMode.${l.tradeMode}`, { defaultValue: '' })}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.ebpCode')}>{code(l.ebpCode)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.ebcCode')}>{code(l.ebcCode)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.agentCode')}>{code(l.agentCode)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.goodsValue')}><Money value={l.goodsValue} currency={l.currency} testId="export-goods-value" /></Descriptions.Item>
        <Descriptions.Item label={t('export.field.customsCode')}>{code(l.customsCode)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.portCode')}>{code(l.portCode)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.country')}>{code(l.country)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.movement')}><MovementFlags arrived={l.arrived} departed={l.departed} /></Descriptions.Item>
        <Descriptions.Item label={t('export.field.billNo')}>{code(l.billNo)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.sumNo')}>{l.sumNo ? <Link to={`/export/summaries?tab=done&q=${encodeURIComponent(l.sumNo)}`}>{l.sumNo}</Link> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.entryId')}>{l.entryId ? <code data-testid="export-entry-id">{l.entryId}</code> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.releasedAt')}>{fmtDateTime(l.releasedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('export.field.createdAt')}>{fmtDateTime(l.createdAt)}</Descriptions.Item>
      </Descriptions>
      {l.cancelled ? <Alert type="warning" showIcon title={t('export.page.cancelled')} style={{ marginBottom: l.reasons.length ? 12 : 0 }} /> : null}
      <ExportReasons reasons={l.reasons} status={l.status} titleKey="export.reasons.title" />
    </Card>
  );
}

function LinesCard({ lines, currency }: { lines: ExportListLine[]; currency: string | null }) {
  const { t } = useTranslation();
  const columns: ColumnsType<ExportListLine> = [
    { title: t('export.line.gnum'), dataIndex: 'gnum', width: 60 },
    { title: t('export.line.gcode'), dataIndex: 'gcode', width: 120, render: (v: string) => <code>{v}</code> },
    { title: t('export.line.gname'), dataIndex: 'gname' },
    { title: t('export.line.itemName'), dataIndex: 'itemName', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: t('export.line.qty'), dataIndex: 'qty', width: 90, align: 'right' },
    { title: t('export.line.unit'), dataIndex: 'unit', width: 70 },
    { title: t('export.line.price'), dataIndex: 'price', width: 110, align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('export.line.totalPrice'), dataIndex: 'totalPrice', width: 130, align: 'right', render: (v: string) => <Money value={v} currency={currency} /> },
  ];
  return (
    <Card title={t('export.line.title')} styles={{ body: { padding: 0 } }}>
      <Table<ExportListLine> rowKey="gnum" size="small" pagination={false} columns={columns} dataSource={lines} scroll={{ x: 760 }} data-testid="export-lines" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('export.line.empty')} /> }} />
    </Card>
  );
}

function ReturnsCard({ returns, currency }: { returns: ExportReturn[]; currency: string | null }) {
  const { t } = useTranslation();
  if (!returns.length) return null;
  const columns: ColumnsType<ExportReturn> = [
    { title: t('export.returns.at'), dataIndex: 'at', width: 150, render: fmtDateTime },
    { title: t('export.returns.reason'), dataIndex: 'reason' },
    { title: t('export.returns.lines'), dataIndex: 'lines', render: (ls: ExportReturn['lines']) => ls.map((x) => t('export.returns.line', { g: x.gnum, qty: x.qty })).join(t('common.listSep')) },
    { title: t('export.returns.amount'), dataIndex: 'amount', width: 130, align: 'right', render: (v: string) => <Money value={v} currency={currency} /> },
  ];
  return (
    <Card title={t('export.returns.title')} styles={{ body: { padding: 0 } }}>
      <Table<ExportReturn> rowKey={(r) => `${r.at}-${r.reason}`} size="small" pagination={false} columns={columns} dataSource={returns} data-testid="export-returns" />
    </Card>
  );
}

export function ExportListDetailPage() {
  const { t } = useTranslation();
  const { copNo = '' } = useParams();
  const [params] = useSearchParams();
  const agentCode = params.get('agentCode') ?? undefined;
  const list = useApi(() => exportApi.list(copNo, agentCode), `export:${copNo}:${agentCode ?? ''}`);
  const user = useUser();
  const me = useMyEnterprise();
  const [returning, setReturning] = useState(false);
  const back = <Link to="/export/lists">{t('export.page.backToList')}</Link>;

  if (list.error instanceof ApiError && list.error.status === 404) {
    return <Result status="404" title={t('export.page.notFound', { copNo })} subTitle={<ErrorAlert error={list.error} />} extra={<Link to="/export/lists"><Button type="primary">{t('export.page.backToList')}</Button></Link>} />;
  }
  if (list.error instanceof ApiError && list.error.status === 409) {
    // Two agents declared this copNo: the lists page shows both rows, each linking with its agent's code.
    return (
      <Result
        status="warning"
        title={t('export.page.ambiguous', { copNo })}
        subTitle={<ErrorAlert error={list.error} />}
        extra={<Link to={`/export/lists?q=${encodeURIComponent(copNo)}`}><Button type="primary">{t('export.page.pickAgent')}</Button></Link>}
      />
    );
  }
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Card loading />;
  const l = list.data;
  const mayReturn = can(user.role, 'export.return.file') && mayFileReturn(l, me);
  const fileReturn = mayReturn ? (
    <Button type="primary" icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="export-return-file">
      {t('export.returns.file')}
    </Button>
  ) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        {back}
        <Button size="small" icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>{t('action.refresh')}</Button>
      </Space>
      <Header l={l} extra={fileReturn} />
      <ExportDocuments documents={l.documents} reasons={l.reasons} tradeMode={l.tradeMode} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <LinesCard lines={l.lines} currency={l.currency} />
            <ReturnsCard returns={l.returns} currency={l.currency} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <ExportTimeline items={l.timeline} />
        </Col>
      </Row>
      {mayReturn ? <ExportReturnModal list={l} open={returning} onClose={() => setReturning(false)} onFiled={list.reload} /> : null}
    </Space>
  );
}
