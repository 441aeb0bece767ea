/** An enterprise user's own filing. */
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth';
import { EnterpriseDetailView } from './EnterpriseDetailView';

export function MyFilingPage() {
  const user = useUser();
  const { t } = useTranslation();
  if (!user.enterpriseId) return <Card><Empty description={t('home.noEnterprise')} /></Card>;
  return <EnterpriseDetailView id={user.enterpriseId} />;
}
