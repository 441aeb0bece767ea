/** The queue's current list at a glance: why it is held, its tax, its documents; O opens the full page. */
import { Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { clearanceApi } from '../../api/endpoints';
import { ErrorAlert, useLang } from '../../ui/errors';
import { fmtYuan } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { DocIcons } from './DeclStatus';
import { factorText } from './TaxCard';

export function QueuePreview({ copNo }: { copNo: string | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const inv = useApi(copNo ? () => clearanceApi.inventory(copNo) : null, `preview:${copNo ?? ''}`);
  if (!copNo) return null;
  const d = inv.data?.copNo === copNo ? inv.data : undefined;
  return (
    <Card size="small" title={t('decl.queue.preview', { copNo })} extra={<Link to={`/declarations/${encodeURIComponent(copNo)}`}>{t('action.viewDetail')}</Link>} loading={inv.loading && !d} style={{ marginTop: 12 }} data-testid="queue-preview">
      {inv.error ? <ErrorAlert error={inv.error} onRetry={inv.reload} /> : null}
      {d ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {d.reasons.length ? (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {d.reasons.map((r, i) => (
                <li key={i}>
                  <Tag color="blue">{r.code}</Tag>
                  {r.message[lang]}
                </li>
              ))}
            </ul>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decl.queue.noReasons')} />
          )}
          <Descriptions size="small" column={4}>
            <Descriptions.Item label={t('decl.field.documents')}><DocIcons documents={d.documents} /></Descriptions.Item>
            <Descriptions.Item label={t('decl.field.dutiablePrice')}>{fmtYuan(d.dutiablePrice)}</Descriptions.Item>
            <Descriptions.Item label={t('decl.field.taxTotal')}>{fmtYuan(d.tax?.taxTotal)}</Descriptions.Item>
            <Descriptions.Item label={t('decl.tax.factor')}>{d.tax ? <Typography.Text>{factorText(d.tax.factor)}</Typography.Text> : '—'}</Descriptions.Item>
          </Descriptions>
        </Space>
      ) : null}
    </Card>
  );
}
