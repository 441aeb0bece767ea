/** The logged-in enterprise's filing (customs code, roles), for deciding which actions are its own to take. */
import { useUser } from '../../app/auth';
import { enterprisesApi } from '../../api/endpoints';
import type { EnterpriseDetail } from '../../api/types';
import { useApi } from '../../ui/hooks';

export function useMyEnterprise(): EnterpriseDetail | undefined {
  const user = useUser();
  const mine = user.role === 'enterprise' && user.enterpriseId ? user.enterpriseId : null;
  return useApi(mine ? () => enterprisesApi.get(mine) : null, `my-enterprise:${mine ?? ''}`).data;
}
