/** Route guards: a session is required; some pages are for some roles only. */
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../api/types';
import { useAuth } from './auth';

export function FullPageSpin() {
  return (
    <div style={{ display: 'flex', height: '60vh', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, ready, loggedOut } = useAuth();
  const loc = useLocation();
  if (!ready) return <FullPageSpin />;
  if (!user) {
    // An expired session comes back to the page it was on; a logout starts from the home page.
    const next = loc.pathname === '/' || loggedOut ? '' : `?next=${encodeURIComponent(loc.pathname + loc.search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  return <>{children}</>;
}

export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useTranslation();
  if (!user || !roles.includes(user.role)) {
    return (
      <Result
        status="403"
        title={t('page.forbidden.title')}
        subTitle={t('page.forbidden.text')}
        extra={
          <Link to="/">
            <Button type="primary">{t('action.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('page.notFound.title')}
      subTitle={t('page.notFound.text')}
      extra={
        <Link to="/">
          <Button type="primary">{t('action.backHome')}</Button>
        </Link>
      }
    />
  );
}
