import type { HelpInfo } from '@/components/nudge';

export const HELP: HelpInfo = {
  helplineName: 'Child Helpline Cambodia',
  tel: '1280',
  sms: '1280',
  url: 'https://childhelplinecambodia.org/',
  trustedAdult: { name: 'Aunt Dara', contact: '+855 12 345 678' },
};

export const KHMER = /[\u1780-\u17FF]/;

/** A message box with the caret in it, as when the child is typing. */
export function focusedComposer(): HTMLTextAreaElement {
  const box = document.createElement('textarea');
  document.body.append(box);
  box.focus();
  return box;
}
