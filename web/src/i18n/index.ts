/** i18next with the two console languages; zh-CN is the default, the choice is remembered per browser. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
const LANG_KEY = 'cbec.lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

function applyToDocument() {
  document.documentElement.lang = i18n.language;
  document.title = `${i18n.t('app.name')} · cbec`;
}

export function setLang(lang: Lang) {
  localStorage.setItem(LANG_KEY, lang);
  void i18n.changeLanguage(lang);
}
i18n.on('languageChanged', applyToDocument);
applyToDocument();

export default i18n;
