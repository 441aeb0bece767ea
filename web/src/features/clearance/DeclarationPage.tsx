/**
 * A declaration's page (UI.md): the list's status and reasons, its four documents side by side with every
 * mismatch in red, the tax lines with the factor, returns, and the timeline of receipts. Customs decides
 * held lists (300 manual review, 500 inspection) here.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useUser } from '../../app/auth';
import { ApiError } from '../../api/client';
import { clearanceApi } from '../../api/endpoints';
import type { ClearanceReason, Inventory } from '../../api/types';
import { ErrorAlert, useLang } from '../../ui/errors';
import { fmtDateTime, fmtYuan } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { DecisionButtons, HELD } from './DecisionModal';
import { DeclStatusTag, DocIcons } from './DeclStatus';
import { DocumentMatrix } from './DocumentMatrix';
import { ReceiptTimeline } from './ReceiptTimeline';
import { WaybillEventsCard } from './WaybillEventsCard';
import { ReturnsCard, TaxCard } from './TaxCard';

const ALERT: Record<string, 'error' | 'info' | 'warning' | 'success'> = { '100': 'error', '300': 'info', '500': 'warning', '800': 'success', '120': 'info' };

function Reasons({ inv }: { inv: Inventory }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!inv.reasons.length) return null;
  const line = (r: ClearanceReason, i: number) => {
    const d = r.details ?? {};
    const missing = Array.isArray(d.missing) ? (d.missing as string[]).map((k) => t(`decl.doc.${k}`)).join(t('common.listSep')) : null;
    return (
      <li key={i}>
        <Tag color={inv.status === '100' ? 'red' : 'default'}>{r.code}</Tag>
        {r.message[lang]}
        {missing ? <Typography.Text type="secondary">{` — ${t('decl.reasons.missing', { docs: missing, deadline: fmtDateTime(d.deadline as string | undefined) })}`}</Typography.Text> : null}
      </li>
    );
  };
  return (
    <Alert
      type={ALERT[inv.status] ?? 'info'}
      showIcon
      data-testid="decl-reasons"
      title={t(`decl.reasons.title${inv.status}`, { defaultValue: t('decl.reasons.title') })}
      description={<ul style={{ margin: 0, paddingLeft: 18 }}>{inv.reasons.map(line)}</ul>}
    />
  );
}

function Header({ inv, onDecided, canDecide }: { inv: Inventory; onDecided: () => void; canDecide: boolean }) {
  const { t } = useTranslation();
  const code = (v: string | null) => (v ? <code>{v}</code> : '—');
  return (
    <Card
      title={
        <Space>
          {t('decl.page.title', { copNo: inv.copNo })}
          <DeclStatusTag status={inv.status} statusText={inv.statusText} />
        </Space>
      }
      extra={canDecide && HELD.includes(inv.status) ? <DecisionButtons copNo={inv.copNo} onDecided={onDecided} /> : null}
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: inv.reasons.length ? 12 : 0 }}>
        <Descriptions.Item label={t('decl.field.copNo')}>{inv.copNo}</Descriptions.Item>
        <Descriptions.Item label={t('decl.field.orderNo')}>{inv.orderNo}</Descriptions.Item>
        <Descriptions.Item label={t('decl.field.tradeMode')}>{inv.tradeMode ? `${inv.tradeMode} ${t(`decl.tradeMode.${inv.tradeMode}`, { defaultValue: '' })}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('decl.field.documents')}><DocIcons documents={inv.documents} /></Descriptions.Item>
        <Descriptions.Item label={t('decl.field.ebpCode')}>{code(inv.ebpCode)}</Descriptions.Item>
        <Descriptions.Item label={t('decl.field.ebcCode')}>{code(inv.ebcCode)}</Descriptions.Item>
        <Descriptions.Item label={t('decl.field.agentCode')}>{code(inv.agentCode)}</Descriptions.Item>
        <Descriptions.Item label={t('decl.field.dutiablePrice')}>{inv.dutiablePrice ? `${fmtYuan(inv.dutiablePrice)} ${t('common.yuan')}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('decl.field.decidedAt')}>{fmtDateTime(inv.decidedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('common.updatedAt')}>{fmtDateTime(inv.updatedAt)}</Descriptions.Item>
      </Descriptions>
      <Reasons inv={inv} />
    </Card>
  );
}

export function DeclarationPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { copNo = '' } = useParams();
  const inv = useApi(() => clearanceApi.inventory(copNo), `inv:${copNo}`);
  const docs = useApi(() => clearanceApi.documents(copNo), `docs:${copNo}`);
  const reload = () => {
    inv.reload();
    docs.reload();
  };

  if (inv.error instanceof ApiError && inv.error.status === 404) {
    return <Result status="404" title={t('decl.page.notFound', { copNo })} subTitle={<ErrorAlert error={inv.error} />} extra={<Link to="/declarations"><Button type="primary">{t('decl.page.backToList')}</Button></Link>} />;
  }
  if (inv.error) return <ErrorAlert error={inv.error} onRetry={reload} />;
  if (!inv.data) return <Card loading />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Link to="/declarations">{t('decl.page.backToList')}</Link>
        <Button size="small" icon={<ReloadOutlined />} onClick={reload} loading={inv.loading || docs.loading}>{t('action.refresh')}</Button>
      </Space>
      <Header inv={inv.data} onDecided={reload} canDecide={user.role === 'customs'} />
      {docs.error ? <ErrorAlert error={docs.error} onRetry={docs.reload} /> : docs.data ? <DocumentMatrix docs={docs.data} /> : <Card loading />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <TaxCard inv={inv.data} />
            <ReturnsCard returns={inv.data.returns} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ReceiptTimeline inv={inv.data} docs={docs.data} />
            <WaybillEventsCard events={inv.data.waybillEvents ?? []} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
