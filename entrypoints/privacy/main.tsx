import { render } from 'preact';
import browser from 'webextension-polyfill';
import { isLang, langFromTag, translator, type Lang } from '@/lib/i18n';
import '@/lib/i18n/catalogues/privacy';
import { getSettings } from '@/lib/settings';
import { PrivacyPage } from './PrivacyPage';
import '@/lib/fonts/khmer.css';
import './style.css';

/** ?lang= first (the switch on the page, links from the stores), then the family's setting. */
async function pageLang(): Promise<Lang> {
  const asked = new URLSearchParams(location.search).get('lang');
  if (isLang(asked)) return asked;
  const setting = await getSettings()
    .then((s) => s.language)
    .catch(() => 'auto' as const);
  return setting === 'auto' ? langFromTag(navigator.language) : setting;
}

void pageLang().then((lang) => {
  document.documentElement.lang = lang;
  document.title = translator(lang)('privacy.pageTitle');
  render(
    <PrivacyPage lang={lang} version={browser.runtime.getManifest().version} hrefFor={(l) => `?lang=${l}`} />,
    document.getElementById('app')!,
  );
});
