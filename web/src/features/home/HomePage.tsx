/** One home per role (UI.md), showing only what exists today. */
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { authApi } from '../../api/endpoints';
import { useApi } from '../../ui/hooks';
import { errorParts, useLang } from '../../ui/errors';
import { EnterpriseHome } from './EnterpriseHome';
import { FilingSummary } from './FilingSummary';

function Health() {
  const { t } = useTranslation();
  const lang = useLang();
  const h = useApi(() => authApi.health(), 'health');
  const ok = h.data?.status === 'ok';
  return (
    <Card title={t('home.health')} extra={<a onClick={h.reload}>{t('action.refresh')}</a>} loading={h.loading}>
      <Space data-testid="health-status">
        {ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#f5222d" />}
        <Typography.Text>{ok ? t('home.healthOk') : h.error ? `${t('home.healthDown')} — ${errorParts(h.error, lang).text}` : t('home.healthDown')}</Typography.Text>
      </Space>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();

  if (user.role === 'enterprise') return <EnterpriseHome />;

  const decider = can(user.role, 'filing.decide');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('home.welcome', { role: t(`role.${user.role}`), user: user.username })}
      </Typography.Title>
      {user.role === 'admin' ? <Health /> : null}
      {decider ? (
        <Card>
          <Space wrap>
            <Typography.Text>{t('home.reviewHint')}</Typography.Text>
            <Link to="/review">
              <Button type="primary" data-testid="home-review-link">{t('home.openQueue')}</Button>
            </Link>
          </Space>
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <FilingSummary kind="enterprises" linkable={can(user.role, 'filing.read')} />
        </Col>
        <Col xs={24} xl={12}>
          <FilingSummary kind="products" linkable={can(user.role, 'filing.read')} />
        </Col>
      </Row>
      {user.role === 'admin' ? (
        <Card title={t('home.adminShortcuts')}>
          <Space wrap>
            <Link to="/users"><Button>{t('nav.users')}</Button></Link>
            <Link to="/api-keys"><Button>{t('nav.apiKeys')}</Button></Link>
            <Link to="/reference/tariffs"><Button>{t('nav.tariffs')}</Button></Link>
            <Link to="/audit"><Button>{t('nav.audit')}</Button></Link>
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}
