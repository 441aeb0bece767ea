/** Frame of the pages seen before login: the platform's name, the language switch, one centred card. */
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LangSwitch } from './LangSwitch';

export function PublicFrame({ title, width = 420, children }: { title: string; width?: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #0f3d73 0%, #1456a0 45%, #e8eef6 45%)', padding: '0 16px 48px' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', maxWidth: 1100, margin: '0 auto', padding: '16px 0' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <LangSwitch />
      </div>
      <div style={{ display: 'flex', justifyContent: 'center', marginTop: 48 }}>
        <Card title={title} style={{ width, maxWidth: '100%', boxShadow: '0 6px 24px rgba(0,0,0,.12)' }}>
          {children}
        </Card>
      </div>
    </div>
  );
}
