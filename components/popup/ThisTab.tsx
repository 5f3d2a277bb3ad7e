// "This page": what Chaperone noticed in the tab under the popup, in the child's words.
import type { TabStatus } from '@/lib/background/tabs';
import type { T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/popup';
import { sortConversations } from '@/lib/report/report-text';
import type { Loaded } from './deps';

interface Props {
  t: T;
  status: Loaded<TabStatus>;
  /** The conversation a nudge was about, shown first. */
  first: string | null;
}

export function ThisTab({ t, status, first }: Props) {
  return (
    <section class="panel" aria-labelledby="tab-heading">
      <h2 id="tab-heading">{t('popup.tab.heading')}</h2>
      {status.state === 'loading' && <p class="muted">{t('popup.tab.loading')}</p>}
      {status.state === 'error' && (
        <p class="error" role="alert" data-testid="error" data-message={status.message}>
          {t('popup.tab.error')}
        </p>
      )}
      {status.state === 'ok' && <TabBody t={t} data={status.data} first={first} />}
    </section>
  );
}

function TabBody({ t, data, first }: { t: T; data: TabStatus; first: string | null }) {
  const conversations = sortConversations(data.conversations, first).filter((c) => c.categories.length > 0);
  return (
    <>
      <p class={`level level-${data.level}`}>
        <span>{t('popup.tab.levelLabel')}</span>{' '}
        <strong data-testid="tab-level" data-level={data.level}>
          {t(`common.level.${data.level}`)}
        </strong>
      </p>
      <p>{t(`popup.tab.about.${data.level}`)}</p>
      {conversations.length > 0 && (
        <ul class="conversations">
          {conversations.map((c) => (
            <li key={c.conversation} class={`conversation level-${c.level}`} data-testid="tab-conversation">
              <p class="who">{t('popup.tab.with', { party: c.party || t('popup.tab.someone'), site: c.site })}</p>
              <p class="noticed">{t('popup.tab.noticed')}</p>
              <ul class="categories">
                {c.categories.map((cat) => (
                  <li key={cat} data-category={cat}>
                    {t(`common.category.${cat}`)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
