/** An account book's status: active green, suspended orange, closed grey. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BookStatus } from '../../api/types';

const COLORS: Record<BookStatus, string> = { active: 'green', suspended: 'orange', closed: 'default' };

export function BookStatusTag({ status }: { status: BookStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid="book-status" data-status={status}>
      {t(`bonded.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
