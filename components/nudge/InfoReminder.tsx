import type { JSX } from 'preact';
import { translator, type Lang } from '@/lib/i18n';
import '@/lib/i18n/catalogues/nudge';
import { onEscape } from './escape';
import { useMounted, useUniqueId } from './hooks';
import { LiveRegion } from './LiveRegion';
import { ShieldIcon } from './ShieldIcon';
import type { InfoKind } from './types';

export interface InfoReminderProps {
  lang: Lang;
  kinds: InfoKind[];
  onDismiss(): void;
}

/** Catalogue key per kind; the order is the order they are listed in. */
export const KIND_LABEL: Record<InfoKind, string> = {
  name: 'nudge.reminder.kind.name',
  phone: 'nudge.reminder.kind.phone',
  email: 'nudge.reminder.kind.email',
  address: 'nudge.reminder.kind.address',
  location: 'nudge.reminder.kind.location',
  school: 'nudge.reminder.kind.school',
  age: 'nudge.reminder.kind.age',
};

const ORDER = Object.keys(KIND_LABEL) as InfoKind[];

/**
 * A small reminder beside the message box while the child is typing personal details. It is
 * polite and never takes focus: the child decides, the reminder only informs.
 */
export function InfoReminder({ lang, kinds, onDismiss }: InfoReminderProps): JSX.Element {
  const tr = translator(lang);
  const mounted = useMounted();
  const id = useUniqueId();
  // A stable order, so the list does not jump (and is not re-announced) as detection reruns.
  const shown = ORDER.filter((k) => kinds.includes(k));
  return (
    <section
      class="chp-root chp-card chp-reminder"
      lang={lang}
      data-chaperone-reminder=""
      data-ready={mounted ? '' : undefined}
      aria-labelledby={`${id}-title`}
      onKeyDown={onEscape(() => onDismiss())}
    >
      <LiveRegion urgent={false} filled={mounted} class="chp-reminder-text">
        <h2 id={`${id}-title`} class="chp-title chp-reminder-title">
          <ShieldIcon />
          <span>{tr('nudge.reminder.title')}</span>
        </h2>
        {shown.length > 0 ? (
          <>
            <p>{tr('nudge.reminder.lead')}</p>
            <ul class="chp-chips">
              {shown.map((k) => (
                <li key={k} data-kind={k}>
                  {tr(KIND_LABEL[k])}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{tr('nudge.reminder.generic')}</p>
        )}
        <p>{tr('nudge.reminder.body')}</p>
      </LiveRegion>
      <button type="button" class="chp-btn" data-action="dismiss" onClick={() => onDismiss()}>
        {tr('nudge.reminder.dismiss')}
      </button>
    </section>
  );
}
