/** One colour per status across the console (UI.md conventions). */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  pending: 'orange',
  approved: 'green',
  released: 'green',
  rejected: 'red',
  inspection: 'purple',
  manual_review: 'blue',
  waiting: 'default',
  cancelled: 'default',
  revoked: 'default',
  closed: 'cyan',
};

/** The tag colour of a status word (filing or list status). */
export function statusColor(status: string): string {
  return COLORS[status] ?? 'default';
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor(status)} data-testid="status-tag" data-status={status}>
      {t(`status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
