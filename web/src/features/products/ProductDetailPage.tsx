/** A product filing: current data with gmodel split into its declared elements, status, decisions, history. */
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { productsApi } from '../../api/endpoints';
import { ErrorAlert, useLang } from '../../ui/errors';
import { fmtDateTime, fmtFen, fmtYuan } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { StatusTag } from '../../ui/StatusTag';
import { VersionHistory, type FieldDef } from '../../ui/VersionHistory';
import { DecisionButtons } from '../review/DecisionButtons';
import { useHsLookup } from './HsElements';

function fieldDefs(t: TFunction): FieldDef[] {
  return [
    { path: 'itemNo', label: t('product.field.itemNo') },
    { path: 'itemName', label: t('product.field.itemName') },
    { path: 'gcode', label: t('product.field.gcode') },
    { path: 'gmodel', label: t('product.field.gmodel') },
    { path: 'country', label: t('product.field.country') },
    { path: 'unit', label: t('product.field.unit') },
    {
      path: 'price',
      label: t('product.field.priceYuan'),
      // versions store the price in fen (priceFen); the product itself answers in yuan (price)
      value: (d) => {
        const r = d as { price?: string | null; priceFen?: number | null };
        return r.price ?? (r.priceFen === null || r.priceFen === undefined ? null : fmtFen(r.priceFen));
      },
      render: (v) => fmtYuan(v as string),
    },
    { path: 'barCode', label: t('product.field.barCode') },
  ];
}

export function ProductDetailPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const user = useUser();
  const prod = useApi(() => productsApi.get(id), id);
  const p = prod.data;
  const { hs } = useHsLookup(p?.gcode);

  if (prod.error) return <ErrorAlert error={prod.error} onRetry={prod.reload} />;
  if (!p) return <Card loading />;
  const parts = p.gmodel.split('|');
  const mine = user.role === 'enterprise' && user.enterpriseId === p.enterpriseId;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {p.itemName}
            <span data-testid="filing-status" data-status={p.status}><StatusTag status={p.status} /></span>
            <Typography.Text type="secondary">v{p.version}</Typography.Text>
            {p.approved && p.status !== 'approved' ? <Tag color="green">{t('filing.approvedInForce')}</Tag> : null}
          </Space>
        }
        extra={
          <Space>
            {can(user.role, 'filing.decide') && p.status === 'pending' ? <DecisionButtons kind="products" id={p.id} name={p.itemName} onDecided={prod.reload} /> : null}
            {mine ? <Link to={`/products/${p.id}/edit`}><Button icon={<EditOutlined />} data-testid="product-change">{t('enterprise.submitChange')}</Button></Link> : null}
          </Space>
        }
      >
        {p.status === 'rejected' ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('filing.rejectedBecause')} description={p.rejectReason || t('common.noReason')} data-testid="filing-reject-reason" /> : null}
        {p.warnings?.length ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('filing.warnings')} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{p.warnings.map((w) => <li key={w.code}>{w.message[lang]} <Typography.Text type="secondary">({w.code})</Typography.Text></li>)}</ul>} />
        ) : null}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('product.field.itemNo')}>{p.itemNo}</Descriptions.Item>
          <Descriptions.Item label={t('product.field.enterprise')}><Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName ?? p.enterpriseId}</Link></Descriptions.Item>
          <Descriptions.Item label={t('product.field.gcode')}><code>{p.gcode}</code> {hs ? hs.name : ''}</Descriptions.Item>
          <Descriptions.Item label={t('product.field.barCode')}>{p.barCode || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('product.field.country')}>{p.country}</Descriptions.Item>
          <Descriptions.Item label={t('product.field.unit')}>{p.unit}{p.unit1 ? <Typography.Text type="secondary"> · {t('product.legalUnits', { u1: p.unit1, u2: p.unit2 ?? '—' })}</Typography.Text> : null}</Descriptions.Item>
          <Descriptions.Item label={t('product.field.priceYuan')}><span style={{ display: 'block', textAlign: 'right' }}>{fmtYuan(p.price)}</span></Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{fmtDateTime(p.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('product.field.gmodel')} span={2}>
            {hs && hs.elements.length ? (
              <Descriptions size="small" column={1} bordered>
                {hs.elements.map((el, i) => <Descriptions.Item key={i} label={`${i + 1}. ${el}`}>{parts[i] || '—'}</Descriptions.Item>)}
              </Descriptions>
            ) : (
              <code>{p.gmodel}</code>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <VersionHistory history={p.history ?? []} fields={fieldDefs(t)} />
    </Space>
  );
}
