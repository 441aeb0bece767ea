/**
 * What happened to an export list, oldest first: customs receipts about its documents, and the events after
 * release (arrival at the supervised site, binding to a master bill, departure, cancellation, return,
 * summary into a customs declaration), each with its time, message type, status and text.
 */
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExportTimelineItem } from '../../api/exportTypes';
import { fmtDateTime } from '../../ui/format';
import { EXPORT_STATUS_WORDS } from './ExportStatus';

const KIND_COLOR: Record<string, string> = {
  arrival: 'blue',
  bill: 'geekblue',
  departure: 'cyan',
  cancel: 'gray',
  return: 'orange',
  summary: 'green',
};

/** The dot of a receipt follows its status: rejected red, released green, others grey. */
function receiptColor(status: string | null): string {
  if (status === '100') return 'red';
  if (status === '800' || status === '899') return 'green';
  if (status === '399') return 'blue';
  return 'gray';
}

export function ExportTimeline({ items }: { items: ExportTimelineItem[] }) {
  const { t } = useTranslation();
  const sorted = [...items].sort((a, b) => a.at.localeCompare(b.at));
  const rows = sorted.map((e, i) => {
    const word = e.returnStatus ? EXPORT_STATUS_WORDS[e.returnStatus] : undefined;
    return {
      key: `${e.at}-${i}`,
      color: e.kind === 'receipt' ? receiptColor(e.returnStatus) : KIND_COLOR[e.kind] ?? 'gray',
      content: (
        <div data-testid="export-timeline-item" data-kind={e.kind} data-type={e.messageType ?? ''} data-status={e.returnStatus ?? ''}>
          <Space wrap size={8}>
            <Typography.Text strong>{fmtDateTime(e.at)}</Typography.Text>
            <Tag color={e.kind === 'receipt' ? undefined : KIND_COLOR[e.kind]}>{t(`export.timeline.kind.${e.kind}`, { defaultValue: e.kind })}</Tag>
            {e.messageType ? (
              <Tag>
                {e.messageType} {t(`export.messageType.${e.messageType}`, { defaultValue: '' })}
              </Tag>
            ) : null}
            {e.returnStatus ? (
              <Tag color={e.returnStatus === '100' ? 'red' : e.returnStatus === '800' ? 'green' : undefined}>
                {e.returnStatus}
                {word ? ` ${t(`export.status.${word}`)}` : ''}
              </Tag>
            ) : null}
          </Space>
          {e.info ? (
            <div>
              <Typography.Text type={e.returnStatus === '100' ? 'danger' : undefined}>{e.info}</Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    };
  });
  return (
    <Card title={t('export.timeline.title')}>
      <div data-testid="export-timeline">
        {rows.length ? <Timeline items={rows} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('export.timeline.empty')} />}
      </div>
    </Card>
  );
}
