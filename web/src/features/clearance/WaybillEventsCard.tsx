/** What logistics firms and the supervised site reported about the list's waybill: status and arrival. */
import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WaybillEvent } from '../../api/types';
import { fmtDateTime } from '../../ui/format';

/** yyyyMMddHHmmss (Beijing time) as "yyyy-MM-dd HH:mm:ss"; anything else as given. */
export function cebTime(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : s;
}

export function WaybillEventsCard({ events }: { events: WaybillEvent[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('decl.events.title')} data-testid="waybill-events">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decl.events.none')} />
      ) : (
        <Timeline
          items={events.map((e, i) => ({
            key: i,
            color: e.kind === 'arrival' ? 'green' : 'blue',
            content: (
              <div data-testid="waybill-event" data-kind={e.kind}>
                <Tag color={e.kind === 'arrival' ? 'green' : 'blue'}>{t(`decl.events.kind.${e.kind}`)}</Tag>
                {e.kind === 'waybill_status' ? <Typography.Text code>{e.status}</Typography.Text> : null}{' '}
                <Typography.Text type="secondary">{cebTime(e.eventTime)}</Typography.Text>
                {e.note ? <div><Typography.Text type="secondary">{e.note}</Typography.Text></div> : null}
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('decl.events.received', { at: fmtDateTime(e.receivedAt) })}</Typography.Text></div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
