/** What a caller may do to an undertaking: customs approves or rejects a pending one; customs or the operator revokes. */
import { StopOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { undertakingsApi } from '../../api/endpoints';
import type { Undertaking } from '../../api/types';
import { ReasonModal } from '../../ui/ReasonModal';
import { DecisionButtons } from '../review/DecisionButtons';

export function UndertakingActions({ u, onChanged, size }: { u: Undertaking; onChanged: () => void; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const [revoking, setRevoking] = useState(false);
  const mayRevoke = can(user.role, 'undertaking.revoke') && (user.role !== 'enterprise' || user.enterpriseId === u.enterpriseId) && (u.status === 'pending' || u.status === 'approved');
  const name = u.enterpriseName ?? u.enterpriseId;
  return (
    <Space size={size === 'small' ? 4 : 8}>
      {can(user.role, 'undertaking.decide') && u.status === 'pending' ? <DecisionButtons kind="undertakings" id={u.id} name={name} onDecided={onChanged} /> : null}
      {mayRevoke ? (
        <Button danger={u.status === 'approved'} size={size} icon={<StopOutlined />} onClick={() => setRevoking(true)} data-testid="undertaking-revoke">
          {t('undertaking.revoke')}
        </Button>
      ) : null}
      <ReasonModal
        open={revoking}
        title={t('undertaking.revokeTitle')}
        text={t('undertaking.revokeText', { name })}
        okText={t('undertaking.revoke')}
        onSubmit={(reason) => undertakingsApi.revoke(u.id, reason)}
        onClose={(done) => {
          setRevoking(false);
          if (done) {
            message.success(t('undertaking.revokedMsg'));
            onChanged();
          }
        }}
      />
    </Space>
  );
}
