/** Providers: antd theme and locale following the i18n language, antd App (toasts), the session, the router. */
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import i18n from '../i18n';
import { AuthProvider } from './auth';
import { router } from './router';

export function Root() {
  const [lang, setLang] = useState(i18n.language);
  useEffect(() => {
    const onChange = (l: string) => setLang(l);
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);

  return (
    <ConfigProvider
      locale={lang.startsWith('en') ? enUS : zhCN}
      theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1456a0', borderRadius: 4 } }}
      componentSize="middle"
    >
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
