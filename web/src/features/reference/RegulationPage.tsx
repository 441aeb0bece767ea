/** Regulation parameters: one versioned table of limits and rates, by effective date (money in fen shown as yuan). */
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { referenceApi } from '../../api/endpoints';
import type { RegulationVersion } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { fmtDate, fmtFen, fmtRate } from '../../ui/format';
import { useApi } from '../../ui/hooks';

function showParam(key: string, v: unknown, t: TFunction): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (/Fen$/.test(key)) return `${fmtFen(v as number)} ${t('common.yuan')}`;
  if (/(Rate|Factor|Ratio|Tolerance|Warn)$/.test(key) && /^\d+(\.\d+)?$/.test(String(v))) return fmtRate(String(v));
  const unit = /Hours$/.test(key) ? 'hours' : /Days$/.test(key) ? 'days' : /Months$/.test(key) ? 'months' : null;
  if (unit) return t(`regulation.unit.${unit}`, { n: v });
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function versionOf(current: unknown): string | null {
  if (current === null || current === undefined) return null;
  if (typeof current === 'object') return String((current as RegulationVersion).version);
  return String(current);
}

export function RegulationPage() {
  const { t } = useTranslation();
  const reg = useApi(() => referenceApi.regulation(), 'regulation');
  const current = versionOf(reg.data?.current);
  const items = [...(reg.data?.items ?? [])].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));

  const paramRows = (r: RegulationVersion) => (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      {Object.entries(r.params).map(([k, v]) => (
        <Descriptions.Item key={k} label={t(`regulation.param.${k}`, { defaultValue: k })}>
          <span style={{ display: 'block', textAlign: /Fen$/.test(k) ? 'right' : 'left' }}>{showParam(k, v, t)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{k}</Typography.Text>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );

  if (reg.error) return <ErrorAlert error={reg.error} onRetry={reg.reload} />;
  const cur = items.find((i) => String(i.version) === current);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('regulation.current')} loading={reg.loading} extra={cur ? <Tag color="green">{t('regulation.versionN', { v: cur.version })}</Tag> : null}>
        {cur ? (
          <>
            <Typography.Paragraph type="secondary">{t('regulation.effectiveFrom', { d: fmtDate(cur.effectiveFrom) })}{cur.note ? ` · ${cur.note}` : ''}</Typography.Paragraph>
            {paramRows(cur)}
          </>
        ) : (
          <Empty description={t('regulation.none')} />
        )}
      </Card>
      <Card title={t('regulation.versions')}>
        <Table<RegulationVersion>
          rowKey={(r) => String(r.version)}
          size="small"
          pagination={false}
          dataSource={items}
          loading={reg.loading}
          expandable={{ expandedRowRender: paramRows }}
          columns={[
            { title: t('common.version'), dataIndex: 'version', width: 120, render: (v: string | number) => (String(v) === current ? <Space>{v}<Tag color="green">{t('regulation.inForce')}</Tag></Space> : v) },
            { title: t('regulation.effectiveFromCol'), dataIndex: 'effectiveFrom', width: 140, render: fmtDate },
            { title: t('common.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </Space>
  );
}
