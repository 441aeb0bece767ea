/** API keys: the administrator sees and issues all; an enterprise manages its own. */
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { useUrlTable } from '../../ui/hooks';
import { EnterprisePicker } from '../enterprises/EnterprisePicker';
import { ApiKeysTable } from './ApiKeysTable';

export function ApiKeysPage() {
  const { t } = useTranslation();
  const user = useUser();
  const table = useUrlTable(['enterpriseId'] as const);
  const admin = can(user.role, 'apikey.manage_any');
  const enterpriseId = admin ? table.filters.enterpriseId || null : user.enterpriseId;

  return (
    <Card title={t('nav.apiKeys')}>
      <Typography.Paragraph type="secondary">{admin ? t('apiKey.introAdmin') : t('apiKey.intro')}</Typography.Paragraph>
      <ApiKeysTable
        enterpriseId={enterpriseId}
        page={table.page}
        size={table.size}
        setPage={table.setPage}
        showEnterprise={admin}
        createDisabledReason={admin && !enterpriseId ? t('apiKey.pickFirst') : !admin && !user.enterpriseId ? t('apiKey.noEnterprise') : null}
        toolbar={
          admin ? (
            <EnterprisePicker value={table.filters.enterpriseId} onChange={(id) => table.setFilters({ enterpriseId: id })} data-testid="apikey-enterprise-filter" />
          ) : null
        }
      />
    </Card>
  );
}
