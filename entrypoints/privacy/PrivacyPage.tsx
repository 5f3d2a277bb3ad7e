// The privacy policy page, in the family's language, with a switch to the other one. A view:
// the language and version come in as props.
import { LANGS, translator, type Lang } from '@/lib/i18n';
import '@/lib/i18n/catalogues/privacy';
import { POLICY } from './sections';

/** Each language named in itself, so a reader finds theirs whatever is shown now. */
const LANG_NAMES: Record<Lang, string> = { en: 'English', km: 'ខ្មែរ' };

interface Props {
  lang: Lang;
  version: string;
  /** The address of this page in another language. */
  hrefFor(lang: Lang): string;
}

export function PrivacyPage({ lang, version, hrefFor }: Props) {
  const t = translator(lang);
  return (
    <div class="privacy" lang={lang}>
      <header>
        <nav class="langs" aria-label={t('privacy.language')}>
          <ul>
            {LANGS.map((l) => (
              <li key={l}>
                <a href={hrefFor(l)} lang={l} hrefLang={l} aria-current={l === lang ? 'page' : undefined} data-lang={l}>
                  {LANG_NAMES[l]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <h1>{t('privacy.title')}</h1>
        <p class="lead">{t('privacy.lead')}</p>
      </header>
      <main>
        {POLICY.map((s) => (
          <section key={s.id} aria-labelledby={`h-${s.id}`} data-section={s.id}>
            <h2 id={`h-${s.id}`}>{t(s.title)}</h2>
            {s.paragraphs.map((p) => (
              <p key={p}>{t(p)}</p>
            ))}
          </section>
        ))}
      </main>
      <footer>
        <p class="muted">{t('privacy.version', { version })}</p>
      </footer>
    </div>
  );
}
