/**
 * Approved overseas warehouses against the zone plan's target (DOMAIN.md §12), with pending filings and the
 * countries they are in. An enterprise sees its own counts, without the zone's target.
 */
import { Card, Col, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/errors';
import { useApi } from '../../ui/hooks';
import { overseasApi } from './api';

export function TargetProgress({ zone }: { zone: boolean }) {
  const { t } = useTranslation();
  const stats = useApi(() => overseasApi.stats(), 'stats');
  if (stats.error) return <ErrorAlert error={stats.error} onRetry={stats.reload} />;
  const s = stats.data;
  const percent = s && s.target > 0 ? Math.min(100, Math.round((s.approved / s.target) * 100)) : 0;
  return (
    <Card size="small" loading={!s} data-testid="overseas-stats">
      {s ? (
        <Row gutter={[24, 12]} align="middle">
          {zone ? (
            <Col xs={24} md={8}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('overseas.stats.targetTitle')}</Typography.Text>
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="overseas-target">
                  {t('overseas.stats.ofTarget', { approved: s.approved, target: s.target })}
                </Typography.Text>
                <Progress percent={percent} status={s.approved >= s.target ? 'success' : 'active'} />
              </Space>
            </Col>
          ) : null}
          <Col xs={8} md={zone ? 3 : 4}>
            <Statistic title={t('status.approved')} value={s.approved} />
          </Col>
          <Col xs={8} md={zone ? 3 : 4}>
            <Statistic title={t('status.pending')} value={s.pending} />
          </Col>
          <Col xs={8} md={zone ? 3 : 4}>
            <Statistic title={t('status.rejected')} value={s.rejected} />
          </Col>
          <Col xs={24} md={zone ? 7 : 12}>
            <Typography.Text type="secondary">{t('overseas.stats.byCountry')}</Typography.Text>
            <div style={{ marginTop: 4 }}>
              {s.byCountry.length
                ? s.byCountry.map((c) => (
                    <Tag key={c.country} color="green">
                      {c.name ?? c.country} · {c.count}
                    </Tag>
                  ))
                : <Typography.Text type="secondary">{t('overseas.stats.noneApproved')}</Typography.Text>}
            </div>
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
