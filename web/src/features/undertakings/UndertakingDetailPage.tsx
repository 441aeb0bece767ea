/** One undertaking: what it covers, its status, who decided or revoked it and why, warnings for reviewers. */
import { Alert, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { undertakingsApi } from '../../api/endpoints';
import { ErrorAlert, useLang } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { StatusTag } from '../../ui/StatusTag';
import { UndertakingActions } from './UndertakingActions';

export function UndertakingDetailPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const got = useApi(() => undertakingsApi.get(id), id);
  if (got.error) return <ErrorAlert error={got.error} onRetry={got.reload} />;
  const u = got.data;
  if (!u) return <Card loading />;

  const events = [
    { color: 'blue', children: t('undertaking.filedBy', { by: u.createdBy, at: fmtDateTime(u.createdAt) }) },
    ...(u.decidedAt ? [{ color: u.status === 'rejected' ? 'red' : 'green', children: t('undertaking.decidedBy', { by: u.decidedBy, at: fmtDateTime(u.decidedAt), decision: t(u.rejectReason ? 'status.rejected' : 'status.approved') }) }] : []),
    ...(u.revokedAt ? [{ color: 'gray', children: t('undertaking.revokedBy', { by: u.revokedBy, at: fmtDateTime(u.revokedAt), reason: u.revokeReason }) }] : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {t('undertaking.title', { name: u.enterpriseName ?? u.enterpriseId })}
            <span data-testid="filing-status" data-status={u.status}><StatusTag status={u.status} /></span>
          </Space>
        }
        extra={<UndertakingActions u={u} onChanged={got.reload} />}
      >
        {u.status === 'rejected' ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('filing.rejectedBecause')} description={u.rejectReason || t('common.noReason')} data-testid="filing-reject-reason" /> : null}
        {u.status === 'revoked' ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('undertaking.revokedBecause')} description={u.revokeReason || t('common.noReason')} /> : null}
        {u.warnings.length ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('filing.warnings')} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{u.warnings.map((w, i) => <li key={`${w.code}-${i}`}>{w.message[lang]} <Typography.Text type="secondary">({w.code})</Typography.Text></li>)}</ul>} />
        ) : null}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('undertaking.field.operator')}><Link to={`/enterprises/${u.enterpriseId}`}>{u.enterpriseName ?? u.enterpriseId}</Link> {u.enterpriseCode ? <code>{u.enterpriseCode}</code> : null}</Descriptions.Item>
          <Descriptions.Item label={t('undertaking.field.kinds')}>{u.kinds.map((k) => <Tag key={k}>{t(`undertaking.kind.${k}`)}</Tag>)}</Descriptions.Item>
          <Descriptions.Item label={t('undertaking.field.owners')} span={2}>
            {u.allOwners ? <Tag color="geekblue">{t('undertaking.scopeAll')}</Tag> : u.ownerCodes.map((c) => <Tag key={c}><code>{c}</code></Tag>)}
          </Descriptions.Item>
          <Descriptions.Item label={t('undertaking.field.validFrom')}>{u.validFrom}</Descriptions.Item>
          <Descriptions.Item label={t('undertaking.field.validTo')}>{u.validTo}</Descriptions.Item>
          <Descriptions.Item label={t('undertaking.field.letterNo')}>{u.letterNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.note')}>{u.note ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('undertaking.history')}>
        <Timeline items={events} />
      </Card>
    </Space>
  );
}
