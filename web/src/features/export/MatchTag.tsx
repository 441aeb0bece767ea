/** The match of a B2B customs declaration against the platform order (9710) or booking order (9810). */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function MatchTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'matched' ? 'green' : status === 'unmatched' ? 'red' : 'default'} data-testid="match-status" data-status={status}>
      {t(`export.match.${status}`, { defaultValue: status })}
    </Tag>
  );
}
