// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '@/lib/detect';
import { loadLexicons } from '@/lib/detect/lexicons';
import type { ConversationView } from '@/lib/content/controller';
import { infoKindsOf, OutgoingGuard, type InfoKind } from '@/lib/content/outgoing';

const kindsOf = (text: string) => infoKindsOf(analyzeMessage(text, { dir: 'out' }).entries);

describe('infoKindsOf: the reminder names what the detector found', () => {
  it.each<[string, InfoKind]>([
    ['my number is 012 345 678', 'phone'],
    ['text me on +855 97 765 4321', 'phone'],
    ['email me at mia.sok@example.com', 'email'],
    ['i go to hun sen high school in takeo', 'school'],
    ['i live at house 12 street 271', 'address'],
  ])('%s → %s', (text, kind) => {
    expect(analyzeMessage(text, { dir: 'out' }).categories).toContain('share_personal_info');
    expect(kindsOf(text)).toContain(kind);
  });

  it('names each kind once, and falls back to "where you are" when nothing more is known', () => {
    expect(infoKindsOf(['code.phone', 'en.share.my_number'])).toEqual(['phone']);
    expect(infoKindsOf([])).toEqual(['location']);
  });

  it('maps every share entry of every lexicon to a kind of its own (a new entry needs a word in its id)', () => {
    const unmapped = loadLexicons()
      .flatMap((l) => l.entries)
      .filter((e) => e.category === 'share_personal_info')
      .map((e) => e.id)
      .filter((id) => infoKindsOf([id]).length === 1 && infoKindsOf([id])[0] === 'location' && !/where_i_am|routine|location/.test(id));
    expect(unmapped).toEqual([]);
  });
});

describe('OutgoingGuard', () => {
  function setup(level: ConversationView['level'], newContact = false) {
    document.body.innerHTML = '<form><textarea id="box"></textarea></form>';
    const box = document.getElementById('box') as HTMLTextAreaElement;
    const shown: InfoKind[][] = [];
    let hidden = 0;
    const timers: (() => void)[] = [];
    const guard = new OutgoingGuard({
      doc: document,
      composer: () => box,
      active: () => ({ conversation: 'c', thread: 't', party: 'Sam', level, categories: [], lang: 'en' }),
      isNewContact: () => newContact,
      analyze: analyzeMessage,
      setTimeout: (cb) => timers.push(cb),
      showReminder: (kinds) => void shown.push(kinds),
      hideReminder: () => void hidden++,
      showPause: () => undefined,
      logImage: () => undefined,
    });
    guard.start();
    const type = (text: string) => {
      box.value = text;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      // The debounce ends.
      for (const cb of timers.splice(0)) cb();
    };
    return { guard, type, shown, hidden: () => hidden };
  }

  it('reminds the child before they send a phone number in a watched conversation, and hides the reminder when it is gone', () => {
    const g = setup('watch');
    g.type('ok my number is 012 345 678');
    expect(g.shown).toEqual([['phone']]);
    g.type('ok');
    expect(g.hidden()).toBe(1);
    g.guard.stop();
  });

  it('says nothing for everyday text, or for personal info to a known contact in a quiet conversation', () => {
    const g = setup('watch');
    g.type('see you at practice tomorrow');
    expect(g.shown).toEqual([]);
    g.guard.stop();
    const quiet = setup('none', false);
    quiet.type('my number is 012 345 678');
    expect(quiet.shown).toEqual([]);
    quiet.guard.stop();
  });

  it('reminds the child with someone they never talked to, even when nothing was flagged yet', () => {
    const g = setup('none', true);
    g.type('my email is mia.sok@example.com');
    expect(g.shown).toEqual([['email']]);
    g.guard.stop();
  });
});
