/** Filing counts by status, from the shared enterprise and product filings (one list call per status). */
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { enterprisesApi, productsApi } from '../../api/endpoints';
import { FILING_STATUSES, type FilingStatus } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { useApi } from '../../ui/hooks';

const COLORS: Record<FilingStatus, string> = { pending: '#fa8c16', approved: '#52c41a', rejected: '#f5222d' };

async function countByStatus(list: (q: Record<string, string | number>) => Promise<{ total: number }>) {
  const [all, ...each] = await Promise.all([list({ limit: 1 }), ...FILING_STATUSES.map((s) => list({ status: s, limit: 1 }))]);
  return { total: all.total, ...Object.fromEntries(FILING_STATUSES.map((s, i) => [s, each[i]!.total])) } as Record<FilingStatus | 'total', number>;
}

/** One call when the server offers /enterprises/counts; the list totals otherwise. */
async function enterpriseCounts() {
  try {
    const c = await enterprisesApi.counts();
    const total = FILING_STATUSES.reduce((n, s) => n + (c[s] ?? 0), 0);
    return { total, pending: c.pending ?? 0, approved: c.approved ?? 0, rejected: c.rejected ?? 0 };
  } catch {
    return countByStatus(enterprisesApi.list);
  }
}

export function FilingSummary({ kind, linkable }: { kind: 'enterprises' | 'products'; linkable: boolean }) {
  const { t } = useTranslation();
  const counts = useApi(() => (kind === 'enterprises' ? enterpriseCounts() : countByStatus(productsApi.list)), kind);
  const title = kind === 'enterprises' ? t('home.enterpriseFilings') : t('home.productFilings');
  if (counts.error) return <Card title={title}><ErrorAlert error={counts.error} onRetry={counts.reload} /></Card>;

  const cell = (key: FilingStatus | 'total') => {
    const stat = (
      <Statistic
        title={key === 'total' ? t('home.total') : t(`status.${key}`)}
        value={counts.data?.[key] ?? 0}
        loading={counts.loading}
        styles={{ content: { color: key === 'total' ? undefined : COLORS[key] } }}
      />
    );
    return (
      <Col key={key} xs={12} md={6} data-testid={`summary-${kind}-${key}`}>
        {linkable ? <Link to={`/${kind}${key === 'total' ? '' : `?status=${key}`}`}>{stat}</Link> : stat}
      </Col>
    );
  };
  return (
    <Card title={title}>
      <Row gutter={16}>{(['total', ...FILING_STATUSES] as const).map(cell)}</Row>
    </Card>
  );
}
