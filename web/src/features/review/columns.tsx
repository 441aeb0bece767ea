/** Queue columns for each kind of filing. */
import { Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import type { EnterpriseSummary, ProductSummary, Undertaking } from '../../api/types';
import { ageParts, fmtDateTime, fmtYuan } from '../../ui/format';

export function AgeTag({ since, t, label }: { since: string; t: TFunction; label?: string }) {
  const a = ageParts(since);
  const text = a.days > 0 ? t('review.ageDays', { d: a.days, h: a.hours }) : a.hours > 0 ? t('review.ageHours', { h: a.hours, m: a.minutes }) : t('review.ageMinutes', { m: a.minutes });
  const color = a.days >= 3 ? 'red' : a.days >= 1 ? 'orange' : 'default';
  return (
    <Tooltip title={`${label ?? t('review.submittedAt')} ${fmtDateTime(since)}`}>
      <Tag color={color} data-testid="review-age">{text}</Tag>
    </Tooltip>
  );
}

export function enterpriseColumns(t: TFunction): ColumnsType<EnterpriseSummary> {
  return [
    { title: t('enterprise.field.name'), dataIndex: 'name', width: 240, render: (v: string, e) => <Link to={`/enterprises/${e.id}`}>{v}</Link> },
    { title: t('enterprise.field.uscc'), dataIndex: 'uscc', width: 190, render: (v: string) => <code>{v}</code> },
    { title: t('enterprise.field.customsCode'), dataIndex: 'customsCode', width: 120, render: (v: string) => <code>{v}</code> },
    { title: t('enterprise.field.roles'), dataIndex: 'roles', width: 180, render: (rs: string[]) => rs.map((r) => <Tag key={r}>{t(`enterpriseRole.${r}`)}</Tag>) },
    { title: t('common.version'), dataIndex: 'version', width: 110, render: (v: number) => (v > 1 ? <Tag color="blue">{t('review.change', { v })}</Tag> : t('review.firstFiling')) },
    { title: t('review.age'), dataIndex: 'updatedAt', width: 130, render: (v: string) => <AgeTag since={v} t={t} /> },
  ];
}

export function productColumns(t: TFunction): ColumnsType<ProductSummary> {
  return [
    { title: t('product.field.itemNo'), dataIndex: 'itemNo', render: (v: string, p) => <Link to={`/products/${p.id}`}>{v}</Link> },
    { title: t('product.field.itemName'), dataIndex: 'itemName' },
    { title: t('product.field.enterprise'), dataIndex: 'enterpriseName', render: (v: string | null, p) => <Link to={`/enterprises/${p.enterpriseId}`}>{v ?? p.enterpriseId}</Link> },
    { title: t('product.field.gcode'), dataIndex: 'gcode', width: 120, render: (v: string) => <code>{v}</code> },
    { title: t('product.field.price'), dataIndex: 'price', align: 'right', width: 120, render: (v?: string) => fmtYuan(v) },
    { title: t('common.version'), dataIndex: 'version', width: 110, render: (v: number) => (v > 1 ? <Tag color="blue">{t('review.change', { v })}</Tag> : t('review.firstFiling')) },
    { title: t('review.age'), dataIndex: 'updatedAt', width: 130, render: (v: string) => <AgeTag since={v} t={t} /> },
  ];
}

export function undertakingColumns(t: TFunction): ColumnsType<Undertaking> {
  return [
    { title: t('undertaking.field.operator'), dataIndex: 'enterpriseName', width: 240, render: (v: string | null, u) => <Link to={`/undertakings/${u.id}`}>{v ?? u.enterpriseId}</Link> },
    { title: t('undertaking.field.kinds'), dataIndex: 'kinds', width: 150, render: (ks: string[]) => ks.map((k) => <Tag key={k}>{t(`undertaking.kind.${k}`)}</Tag>) },
    {
      title: t('undertaking.field.owners'),
      key: 'owners',
      render: (_, u) => (u.allOwners ? <Tag color="geekblue">{t('undertaking.scopeAll')}</Tag> : <Tooltip title={u.ownerCodes.join(t('common.listSep'))}>{t('undertaking.ownerCount', { count: u.ownerCodes.length })}</Tooltip>),
    },
    { title: t('undertaking.field.validity'), key: 'validity', width: 200, render: (_, u) => `${u.validFrom} ~ ${u.validTo}` },
    { title: t('review.age'), dataIndex: 'updatedAt', width: 130, render: (v: string) => <AgeTag since={v} t={t} /> },
  ];
}
