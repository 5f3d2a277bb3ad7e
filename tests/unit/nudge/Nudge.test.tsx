import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { render as preactRender } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CategoryId } from '@/lib/detect';
import { t, type Lang } from '@/lib/i18n';
import { Nudge, type NudgeProps } from '@/components/nudge';
import { focusedComposer, HELP, KHMER } from './helpers';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

function renderNudge(over: Partial<NudgeProps> = {}) {
  const props: NudgeProps = {
    lang: 'en',
    level: 'warn',
    categories: ['image_request'],
    party: 'Sam',
    help: HELP,
    onReport: vi.fn(),
    onDismiss: vi.fn(),
    onHelpOpened: vi.fn(),
    ...over,
  };
  const view = render(<Nudge {...props} />);
  const root = view.container.querySelector<HTMLElement>('[data-chaperone-nudge]')!;
  const q = (sel: string) => root.querySelector<HTMLElement>(sel);
  const button = (action: string) => q(`button[data-action="${action}"]`) as HTMLButtonElement;
  return { ...view, props, root, q, button };
}

// [category, English sentence naming "Sam", English advice, a Khmer word the Khmer sentence must use]
const CATEGORY_CASES: [CategoryId, string, string, string][] = [
  ['image_request', 'Sam asked for a photo or video of you.', 'You never have to send one.', 'រូបថត'],
  ['sexual_content', 'Sam said sexual things to you.', "You don't have to reply. This is not your fault.", 'ផ្លូវភេទ'],
  ['meeting_request', 'Sam wants to meet you in person.', "Don't go alone. Tell an adult you trust first.", 'ជួប'],
  ['secrecy', 'Sam asked you to keep a secret.', "People who care about you don't ask you to hide things from your family. You can tell someone.", 'សម្ងាត់'],
  ['platform_move', 'Sam wants you to chat in another app.', 'You can say no and keep chatting here.', 'កម្មវិធីផ្សេង'],
  ['gift_offer', 'Sam offered you gifts or money.', "A gift doesn't mean you owe them anything.", 'អំណោយ'],
  ['isolation_check', 'Sam asked if you are alone.', "You don't have to answer. That can stay private.", 'ម្នាក់ឯង'],
  ['personal_info_request', 'Sam asked for your personal details, like where you live.', "It's OK to keep your address, school and phone number to yourself.", 'ព័ត៌មានផ្ទាល់ខ្លួន'],
  ['age_probe', 'Sam asked how old you are.', "You don't have to tell people online your age.", 'អាយុ'],
  ['flattery_trust', 'Sam is trying to make you trust only them.', "A real friend won't try to pull you away from your family.", 'ទុកចិត្ត'],
];

describe('Nudge wording', () => {
  it.each(CATEGORY_CASES)('%s in English names the party and says what to do', (category, sentence, advice) => {
    const { q } = renderNudge({ categories: [category] });
    expect(q('.chp-noticed')!.textContent).toBe(sentence);
    expect(q('.chp-noticed bdi')!.textContent).toBe('Sam');
    expect(q('.chp-advice')!.textContent).toBe(advice);
    expect(q('.chp-ask')!.textContent).toBe('Want help?');
  });

  it.each(CATEGORY_CASES)('%s in English without a name', (category, sentence) => {
    const { q } = renderNudge({ categories: [category], party: '  ' });
    expect(q('.chp-noticed')!.textContent).toBe(sentence.replace(/^Sam/, 'This person'));
    expect(q('.chp-noticed bdi')).toBeNull();
  });

  it.each(CATEGORY_CASES)('%s in Khmer', (category, _en, _advice, word) => {
    const named = renderNudge({ lang: 'km', categories: [category] });
    const text = named.q('.chp-noticed')!.textContent!;
    expect(text).toMatch(KHMER);
    expect(text).toContain(word);
    expect(text).toContain('Sam');
    expect(named.q('.chp-advice')!.textContent).toMatch(KHMER);
    expect(named.q('.chp-ask')!.textContent).toBe('ចង់បានជំនួយទេ?');
    cleanup();
    const anon = renderNudge({ lang: 'km', categories: [category], party: '' });
    const anonText = anon.q('.chp-noticed')!.textContent!;
    expect(anonText).toContain(word);
    expect(anonText).toContain('មនុស្សម្នាក់នេះ');
    expect(anonText).not.toContain('{name}');
  });

  it('gives each category its own sentence in both languages', () => {
    for (const lang of ['en', 'km'] as Lang[]) {
      const seen = new Set<string>();
      for (const [category] of CATEGORY_CASES) {
        const { q } = renderNudge({ lang, categories: [category] });
        seen.add(q('.chp-noticed')!.textContent!);
        cleanup();
      }
      expect(seen.size).toBe(CATEGORY_CASES.length);
    }
  });

  it.each<[CategoryId[], string]>([
    [['age_probe', 'image_request'], 'Sam asked for a photo or video of you.'],
    [['flattery_trust', 'secrecy', 'gift_offer'], 'Sam asked you to keep a secret.'],
    [['image_request', 'sextortion_threat'], 'Sam is threatening you.'],
    [['meeting_request', 'sexual_content'], 'Sam said sexual things to you.'],
    [['share_image'], 'Something in this chat may not be safe.'],
    [[], 'Something in this chat may not be safe.'],
  ])('names the most important of %j', (categories, sentence) => {
    const { q } = renderNudge({ categories });
    expect(q('.chp-noticed')!.textContent).toBe(sentence);
  });

  it('shortens a very long name and keeps it isolated from the sentence', () => {
    const { q } = renderNudge({ party: `  ${'x'.repeat(100)}  ` });
    const name = q('.chp-noticed bdi')!.textContent!;
    expect(name).toHaveLength(40);
    expect(name.endsWith('…')).toBe(true);
  });
});

describe('Nudge levels', () => {
  it('at alert with a threat gives the sextortion guidance in an assertive live region', () => {
    const { root, q } = renderNudge({ level: 'alert', categories: ['sextortion_threat', 'image_request'] });
    expect(root.dataset.level).toBe('alert');
    const region = q('[aria-live="assertive"]')!;
    expect(region.getAttribute('role')).toBe('alert');
    expect([...region.querySelectorAll('.chp-steps li')].map((li) => li.textContent)).toEqual([
      "Don't pay.",
      "Don't delete the chat.",
      'You are not in trouble.',
      'Get help now.',
    ]);
    expect(region.textContent).toContain('Sam is threatening you.');
    expect(region.textContent).toContain("You don't have to handle this alone");
    expect(q('[aria-live="polite"]')).toBeNull();
  });

  it('gives the sextortion guidance in Khmer', () => {
    const { q } = renderNudge({ lang: 'km', level: 'alert', categories: ['sextortion_threat'] });
    const steps = [...q('.chp-steps')!.querySelectorAll('li')].map((li) => li.textContent);
    expect(steps).toEqual(['កុំបង់លុយឱ្យគេ។', 'កុំលុបការជជែកនេះ។', 'អ្នកមិនមានកំហុសទេ។', 'សូមរកជំនួយឥឡូវនេះ។']);
  });

  it('at alert without a threat says the child is not in trouble', () => {
    const { q } = renderNudge({ level: 'alert', categories: ['image_request', 'meeting_request'] });
    expect(q('.chp-ask')!.textContent).toBe('You are not in trouble. Please get help now.');
    expect(q('.chp-steps')).toBeNull();
  });

  it('at warn is a polite status', () => {
    const { root, q } = renderNudge({ level: 'warn' });
    expect(root.dataset.level).toBe('warn');
    const region = q('[aria-live="polite"]')!;
    expect(region.getAttribute('role')).toBe('status');
    expect(region.textContent).toContain('Be careful in this chat');
    expect(q('[aria-live="assertive"]')).toBeNull();
  });

  it('fills its live region only after it is in the page, so it is announced', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    preactRender(<Nudge lang="en" level="alert" categories={['secrecy']} party="Sam" help={HELP} onReport={() => {}} onDismiss={() => {}} />, host);
    const region = host.querySelector('[aria-live]')!;
    expect(region.textContent).toBe('');
    expect(host.querySelector('[data-chaperone-nudge]')!.hasAttribute('data-ready')).toBe(false);
    await waitFor(() => expect(region.textContent).toContain('Sam asked you to keep a secret.'));
    expect(host.querySelector('[data-chaperone-nudge]')!.hasAttribute('data-ready')).toBe(true);
    preactRender(null, host);
  });

  it('is in the child language', () => {
    expect(renderNudge({ lang: 'km' }).root.getAttribute('lang')).toBe('km');
  });
});

describe('Nudge actions', () => {
  it('has the three actions as real buttons, labelled in the child language', () => {
    const { button } = renderNudge({ lang: 'km' });
    expect(['help', 'report', 'dismiss'].map((a) => button(a).textContent)).toEqual([
      t('km', 'nudge.action.help'),
      t('km', 'nudge.action.report'),
      t('km', 'nudge.action.dismiss'),
    ]);
    for (const a of ['help', 'report', 'dismiss']) {
      expect(button(a).tagName).toBe('BUTTON');
      expect(button(a).type).toBe('button');
    }
  });

  it.each([
    ['report', 'onReport'],
    ['dismiss', 'onDismiss'],
  ] as const)('%s calls %s once, with no arguments', (action, callback) => {
    const { button, props } = renderNudge();
    fireEvent.click(button(action));
    expect(props[callback]).toHaveBeenCalledTimes(1);
    expect(props[callback]).toHaveBeenCalledWith();
    const other = callback === 'onReport' ? props.onDismiss : props.onReport;
    expect(other).not.toHaveBeenCalled();
  });

  it('dismisses on Escape from anywhere in the card, and only on Escape', () => {
    const { root, button, props } = renderNudge();
    fireEvent.keyDown(button('report'), { key: 'Enter' });
    fireEvent.keyDown(root, { key: 'a' });
    expect(props.onDismiss).not.toHaveBeenCalled();
    fireEvent.keyDown(button('help'), { key: 'Escape' });
    expect(props.onDismiss).toHaveBeenCalledTimes(1);
    expect(props.onReport).not.toHaveBeenCalled();
  });

  it('expands help inside the card with call, text and website links', () => {
    const { button, q, props } = renderNudge();
    const panel = q('.chp-help')!;
    expect(button('help').getAttribute('aria-expanded')).toBe('false');
    expect(button('help').getAttribute('aria-controls')).toBe(panel.id);
    expect(panel.hidden).toBe(true);

    fireEvent.click(button('help'));
    expect(button('help').getAttribute('aria-expanded')).toBe('true');
    expect(panel.hidden).toBe(false);
    expect(props.onHelpOpened).toHaveBeenCalledTimes(1);
    expect(q('a[data-link="tel"]')!.getAttribute('href')).toBe('tel:1280');
    expect(q('a[data-link="tel"]')!.textContent).toBe('Call 1280');
    expect(q('a[data-link="sms"]')!.getAttribute('href')).toBe('sms:1280');
    expect(q('a[data-link="sms"]')!.textContent).toBe('Text 1280');
    const web = q('a[data-link="web"]')!;
    expect(web.getAttribute('href')).toBe('https://childhelplinecambodia.org/');
    expect(web.getAttribute('target')).toBe('_blank');
    expect(web.getAttribute('rel')).toBe('noopener noreferrer');
    expect(panel.textContent).toContain('Talk to an adult you trust');
    expect(panel.textContent).toContain('Child Helpline Cambodia can help you.');
    expect(panel.textContent).toContain('Aunt Dara');
    expect(q('a[data-link="adult"]')!.getAttribute('href')).toBe('tel:+85512345678');

    fireEvent.click(button('help'));
    expect(panel.hidden).toBe(true);
    expect(props.onHelpOpened).toHaveBeenCalledTimes(1);
    expect(props.onReport).not.toHaveBeenCalled();
    expect(props.onDismiss).not.toHaveBeenCalled();
  });

  it('links only what can be dialled or opened safely', () => {
    const { button, q } = renderNudge({
      help: { helplineName: 'Helpline', tel: '+855 (0)23 123-456', url: 'javascript:alert(1)', trustedAdult: { name: 'Mum', contact: 'at home' } },
    });
    fireEvent.click(button('help'));
    expect(q('a[data-link="tel"]')!.getAttribute('href')).toBe('tel:+855023123456');
    expect(q('a[data-link="sms"]')).toBeNull();
    expect(q('a[data-link="web"]')).toBeNull();
    expect(q('a[data-link="adult"]')).toBeNull();
    expect(q('.chp-adult')!.textContent).toContain('at home');
  });

  it('works without a helpline number or trusted adult', () => {
    const { button, q } = renderNudge({ help: { helplineName: '' } });
    fireEvent.click(button('help'));
    expect(q('.chp-help')!.textContent).toContain('Talk to an adult you trust');
    expect(q('.chp-links')).toBeNull();
    expect(q('.chp-adult')).toBeNull();
  });
});

describe('Nudge focus', () => {
  it.each(['warn', 'alert'] as const)('at %s leaves the caret in the message box', (level) => {
    const box = focusedComposer();
    const { container } = renderNudge({ level, categories: ['sextortion_threat'] });
    expect(document.activeElement).toBe(box);
    expect(container.querySelector('[autofocus]')).toBeNull();
    expect([...container.querySelectorAll('[tabindex]')].filter((el) => Number(el.getAttribute('tabindex')) > 0)).toEqual([]);
  });
});
