// The conversations that reached warn or alert: who, where, what about, when, and whether a
// report was made. Excerpts appear only when the parent chose the detailed mode.
import { formatNumber, type Lang, type T } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import type { FlaggedConversation } from '@/lib/store/types';
import { dateTime } from './dates';

interface Props {
  t: T;
  lang: Lang;
  conversations: FlaggedConversation[];
  showExcerpts: boolean;
}

const RANK = { alert: 0, warn: 1 } as const;

export function sortFlagged(list: FlaggedConversation[]): FlaggedConversation[] {
  return [...list].sort((a, b) => RANK[a.level] - RANK[b.level] || b.lastTs - a.lastTs);
}

export function FlaggedList({ t, lang, conversations, showExcerpts }: Props) {
  if (conversations.length === 0) {
    return (
      <p class="empty" data-testid="flagged-conversations" data-count={0}>
        {t('dashboard.flagged.none')}
      </p>
    );
  }
  return (
    <ul class="flagged" data-testid="flagged-conversations" data-count={conversations.length}>
      {sortFlagged(conversations).map((c) => (
        <li key={c.conversation} class={`flagged-item level-${c.level}`} data-conversation={c.conversation} data-level={c.level}>
          <div class="flagged-head">
            <span class={`badge badge-${c.level}`}>{t(`common.level.${c.level}`)}</span>
            <strong class="party">{c.party || t('dashboard.flagged.unknownParty')}</strong>
            <span class="site">{c.site}</span>
          </div>
          <p class="flagged-cats">
            {c.categories.map((cat) => t(`common.category.${cat}`)).join(' · ')}
          </p>
          <p class="flagged-when">
            {c.firstTs === c.lastTs
              ? dateTime(lang, c.lastTs)
              : t('dashboard.flagged.between', { from: dateTime(lang, c.firstTs), to: dateTime(lang, c.lastTs) })}
          </p>
          <p class={c.reported ? 'reported yes' : 'reported no'} data-reported={String(c.reported)}>
            {c.reported ? t('dashboard.flagged.reported') : t('dashboard.flagged.notReported')}
          </p>
          {showExcerpts && c.excerpts && c.excerpts.length > 0 && (
            <div class="excerpts">
              <p class="excerpts-label">
                {t('dashboard.flagged.excerpts', { n: formatNumber(lang, c.excerpts.length) })}
              </p>
              {c.excerpts.map((e, i) => (
                <blockquote key={i} data-testid="excerpt" lang="">
                  {e}
                </blockquote>
              ))}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
