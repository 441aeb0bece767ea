/** 中文 / English switch, in the header and on the public pages. */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLang, type Lang } from '../i18n';

export function LangSwitch() {
  const { i18n } = useTranslation();
  const value: Lang = i18n.language.startsWith('en') ? 'en' : 'zh-CN';
  return (
    <Segmented
      data-testid="lang-switch"
      size="small"
      value={value}
      onChange={(v) => setLang(v as Lang)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
