import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '@/components/popup/PopupApp';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { conversation, tabStatus } from '../report/fixtures';
import { NOW, PAGE, fakeDeps, summaryPair, type FakeDeps } from './fake-deps';

afterEach(cleanup);

const APLE = 'https://aplecambodia.org/reporting-page/';

async function show(deps: FakeDeps) {
  render(<PopupApp deps={deps} />);
  await screen.findByTestId('report-button');
  return deps;
}

async function report(deps: FakeDeps) {
  await show(deps);
  await screen.findByTestId('tab-level');
  fireEvent.click(screen.getByTestId('report-button'));
  await screen.findByTestId('report-steps');
}

describe('This page', () => {
  it("shows the tab's level and what was noticed, in the child's words", async () => {
    const deps = await show(fakeDeps());
    const level = await screen.findByTestId('tab-level');
    expect(level.textContent).toBe('Be careful');
    expect(level.dataset.level).toBe('warn');
    expect(deps.tabStatus).toHaveBeenCalledWith(7);
    const item = screen.getByTestId('tab-conversation');
    expect(item.textContent).toContain('Chat with bob_22 on discord.com');
    expect(within(item).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Asked for photos or video',
      'Asked to keep secrets',
    ]);
  });

  it('says when nothing was noticed', async () => {
    await show(fakeDeps({ tabStatus: async () => ({ ok: true, data: tabStatus([]) }) }));
    expect((await screen.findByTestId('tab-level')).textContent).toBe('Nothing noticed');
    expect(screen.queryByTestId('tab-conversation')).toBeNull();
  });

  it('shows an error when the background does not answer, and the report still works', async () => {
    const deps = await show(
      fakeDeps({ tabStatus: async () => ({ ok: false, error: { code: 'internal', message: 'gone' } }) }),
    );
    expect((await screen.findByTestId('error')).textContent).toContain('could not check this page');
    fireEvent.click(screen.getByTestId('report-button'));
    await waitFor(() => expect(deps.openTab).toHaveBeenCalledWith(APLE));
    expect(deps.copy.mock.calls[0]?.[0]).toContain(`Page: ${PAGE}`);
  });

  it('shows an error when the tab cannot be read', async () => {
    await show(fakeDeps({ activeTab: async () => Promise.reject(new Error('no tabs permission')) }));
    expect((await screen.findByTestId('error')).getAttribute('role')).toBe('alert');
  });
});

describe('Report this', () => {
  it('copies the report, logs it, then opens the Cambodian hotline form', async () => {
    const deps = fakeDeps();
    await report(deps);
    await waitFor(() => expect(deps.openTab).toHaveBeenCalledWith(APLE));

    const text = deps.copy.mock.calls[0]?.[0] ?? '';
    expect(text).toContain(PAGE);
    expect(text).toContain('send me a pic of you rn');
    expect(text).toContain('bob_22');
    expect(deps.logReport).toHaveBeenCalledWith({
      site: 'discord.com',
      thread: '1111',
      party: 'bob_22',
      url: PAGE,
      hotline: 'kh-ihc-aple',
      ts: NOW,
    });
    expect(deps.rememberReport).toHaveBeenCalledWith({ ts: NOW, text, hotline: 'kh-ihc-aple', copied: true });
    // The clipboard first (the browser allows it only near the click), the new tab last (it closes the popup).
    const order = (f: { mock: { invocationCallOrder: number[] } }) => f.mock.invocationCallOrder[0] ?? Infinity;
    expect(order(deps.copy)).toBeLessThan(order(deps.logReport));
    expect(order(deps.rememberReport)).toBeLessThan(order(deps.openTab));

    expect((screen.getByTestId('report-text') as HTMLTextAreaElement).value).toBe(text);
    expect(screen.getByTestId('report-text').hasAttribute('readonly')).toBe(true);
    expect(within(screen.getByTestId('report-steps')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Paste the report into the form (press Ctrl+V, or touch and hold, then Paste).',
      "Don't attach, save or screenshot sexual pictures, not even to prove it. Give the link instead.",
      "Keep the chat. Don't delete it. Block the person after you have saved it.",
    ]);
    const status = screen.getByTestId('report-status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('Report copied. Now paste it into the form.');
    expect(screen.getByTestId('report-open').getAttribute('href')).toBe(APLE);
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('works with only the address when nothing was flagged', async () => {
    const deps = fakeDeps({
      activeTab: async () => ({ id: 3, url: 'https://example.org/room' }),
      tabStatus: async () => ({ ok: true, data: tabStatus([]) }),
    });
    await report(deps);
    await waitFor(() => expect(deps.openTab).toHaveBeenCalled());
    const text = deps.copy.mock.calls[0]?.[0] ?? '';
    expect(text).toContain('Page: https://example.org/room');
    expect(text).toContain('Chaperone did not flag messages here');
    expect(deps.logReport).toHaveBeenCalledWith(expect.objectContaining({ site: 'example.org', party: '', url: 'https://example.org/room' }));
  });

  it('keeps the text on show and does not open the form when copying fails', async () => {
    const deps = fakeDeps({ copy: async () => Promise.reject(new Error('Document is not focused')) });
    await report(deps);
    expect((await screen.findByTestId('error')).textContent).toContain('Copying did not work');
    expect((screen.getByTestId('report-text') as HTMLTextAreaElement).value).toContain(PAGE);
    await waitFor(() => expect(deps.logReport).toHaveBeenCalled());
    expect(deps.openTab).not.toHaveBeenCalled();

    deps.copy.mockImplementation(async () => {});
    fireEvent.click(screen.getByTestId('report-copy'));
    await waitFor(() => expect(screen.getByTestId('report-status').textContent).toContain('Report copied'));
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('says so when the form does not open', async () => {
    await report(fakeDeps({ openTab: async () => Promise.reject(new Error('no')) }));
    expect((await screen.findByTestId('error')).textContent).toContain('The form did not open');
  });

  it('still opens the form when the report cannot be logged', async () => {
    const deps = fakeDeps({ logReport: async () => ({ ok: false, error: { code: 'storage', message: 'disk full' } }) });
    await report(deps);
    await waitFor(() => expect(deps.openTab).toHaveBeenCalledWith(APLE));
    expect(screen.getByText(/could not save a note/)).toBeTruthy();
  });

  it('uses the hotline the family chose', async () => {
    const deps = fakeDeps({}, { hotline: 'us-ncmec-cybertipline' });
    await report(deps);
    await waitFor(() => expect(deps.openTab).toHaveBeenCalledWith('https://report.cybertip.org/'));
    expect(deps.logReport).toHaveBeenCalledWith(expect.objectContaining({ hotline: 'us-ncmec-cybertipline' }));
  });

  it('puts the conversation a nudge was about first, and focuses the report button', async () => {
    const other = conversation({ conversation: 'discord.com|2222|mallory', thread: '2222', party: 'mallory', level: 'alert' });
    const deps = fakeDeps({
      launch: { conversation: 'discord.com|1111|bob_22', report: true },
      tabStatus: async () => ({ ok: true, data: tabStatus([other, conversation()]) }),
    });
    await show(deps);
    await screen.findByTestId('tab-level');
    expect(document.activeElement).toBe(screen.getByTestId('report-button'));
    expect(screen.getAllByTestId('tab-conversation')[0]?.textContent).toContain('bob_22');
    fireEvent.click(screen.getByTestId('report-button'));
    await waitFor(() => expect(deps.openTab).toHaveBeenCalled());
    expect(deps.logReport).toHaveBeenCalledWith(expect.objectContaining({ party: 'bob_22', thread: '1111' }));
    const text = deps.copy.mock.calls[0]?.[0] ?? '';
    expect(text.indexOf('bob_22')).toBeLessThan(text.indexOf('mallory'));
  });

  it('leaves the focus alone when opened from the toolbar', async () => {
    await show(fakeDeps());
    await screen.findByTestId('tab-level');
    expect(document.activeElement).not.toBe(screen.getByTestId('report-button'));
  });

  it('shows a report made a moment ago again, after the form closed the popup', async () => {
    const deps = fakeDeps({
      recentReport: async () => ({ ts: NOW - 5 * 60_000, text: 'the earlier report', hotline: 'kh-ihc-aple', copied: true }),
    });
    await show(deps);
    await screen.findByTestId('report-steps');
    expect((screen.getByTestId('report-text') as HTMLTextAreaElement).value).toBe('the earlier report');
    expect(screen.getByText(/You made a report at/)).toBeTruthy();
    expect(deps.copy).not.toHaveBeenCalled();
  });

  it('forgets a report made long ago', async () => {
    await show(
      fakeDeps({ recentReport: async () => ({ ts: NOW - 2 * 3_600_000, text: 'old', hotline: 'kh-ihc-aple', copied: true }) }),
    );
    await screen.findByTestId('tab-level');
    expect(screen.queryByTestId('report-steps')).toBeNull();
  });
});

describe('Help now', () => {
  it('links the Cambodian child helpline by call and text, and the police for immediate danger', async () => {
    await show(fakeDeps());
    expect(screen.getByTestId('help-call').getAttribute('href')).toBe('tel:1280');
    expect(screen.getByTestId('help-call').textContent).toContain('Free, 24 hours');
    expect(screen.getByTestId('help-sms').getAttribute('href')).toBe('sms:1280');
    expect(screen.getByTestId('help-emergency').getAttribute('href')).toBe('tel:1288');
    const tid = screen.getByTestId('help-takeitdown');
    expect(tid.getAttribute('href')).toBe('https://takeitdown.ncmec.org/');
    expect(tid.getAttribute('target')).toBe('_blank');
    expect(tid.getAttribute('rel')).toContain('noopener');
    expect(within(screen.getByTestId('help-sextortion')).getAllByRole('listitem')).toHaveLength(4);
    expect(screen.getByTestId('help-sextortion').textContent).toContain('You are not in trouble');
  });

  it('names the trusted adult the family chose, with a link to call them', async () => {
    await show(fakeDeps({}, { trustedAdult: { name: 'Aunt Srey', contact: '012 345 678' } }));
    const adult = screen.getByTestId('help-adult');
    expect(adult.textContent).toContain('You can talk to Aunt Srey.');
    expect(within(adult).getByRole('link').getAttribute('href')).toBe('tel:012345678');
  });

  it('points anyone outside our regions to the international services', async () => {
    const deps = fakeDeps({ hints: () => ({ timeZone: 'Europe/Paris', language: 'fr-FR' }) });
    await report(deps);
    expect(screen.queryByTestId('help-call')).toBeNull();
    expect(screen.getByTestId('help-directory').getAttribute('href')).toBe('https://www.inhope.org/what-we-do/how-to-report');
    await waitFor(() => expect(deps.openTab).toHaveBeenCalledWith('https://report.cybertip.org/'));
  });
});

describe('Region', () => {
  it('follows the time zone', async () => {
    const deps = fakeDeps({ hints: () => ({ timeZone: 'Asia/Bangkok', language: 'en-US' }) });
    await report(deps);
    const select = screen.getByTestId('region-select') as HTMLSelectElement;
    expect(select.value).toBe('auto');
    expect(select.dataset.region).toBe('TH');
    expect(select.selectedOptions[0]?.textContent).toBe('Automatic (Thailand)');
    expect(screen.getByTestId('help-call').getAttribute('href')).toBe('tel:1387');
    expect(screen.queryByTestId('help-sms')).toBeNull();
    await waitFor(() => expect(deps.openTab).toHaveBeenCalledWith('https://www.thaihotline.org/'));
  });

  it("saves the child's choice and switches the help", async () => {
    const deps = await show(fakeDeps());
    fireEvent.change(screen.getByTestId('region-select'), { target: { value: 'GB' } });
    expect(deps.saveRegion).toHaveBeenCalledWith('GB');
    await waitFor(() => expect(screen.getByTestId('help-call').getAttribute('href')).toBe('tel:08088005000'));
    expect(screen.queryByTestId('help-emergency')).toBeNull();
  });

  it('goes back and says so when the choice cannot be saved', async () => {
    await show(fakeDeps({ saveRegion: async () => Promise.reject(new Error('quota')) }));
    fireEvent.change(screen.getByTestId('region-select'), { target: { value: 'GB' } });
    expect((await screen.findByTestId('error')).textContent).toContain('Could not change the country');
    expect((screen.getByTestId('region-select') as HTMLSelectElement).value).toBe('auto');
    expect(screen.getByTestId('help-call').getAttribute('href')).toBe('tel:1280');
  });

  it('cannot be changed when a policy locks it', async () => {
    await show(fakeDeps({ settings: async () => ({ settings: { ...DEFAULT_SETTINGS, region: 'KH' }, locked: ['region'] }) }));
    expect((screen.getByTestId('region-select') as HTMLSelectElement).disabled).toBe(true);
  });
});

describe('Language', () => {
  it('speaks Khmer when the family chose it', async () => {
    await show(fakeDeps({}, { language: 'km' }));
    expect(screen.getByTestId('report-button').textContent).toBe('រាយការណ៍រឿងនេះ');
    expect((await screen.findByTestId('tab-level')).textContent).toBe('សូមប្រុងប្រយ័ត្ន');
    expect(screen.getByTestId('tab-conversation').textContent).toContain('សុំរូបថត ឬវីដេអូ');
    expect(screen.getByTestId('help-call').textContent).toContain('ហៅទូរស័ព្ទ 1280');
    expect(screen.getByRole('heading', { name: 'ជំនួយឥឡូវនេះ' })).toBeTruthy();
    expect(document.querySelector('.popup')?.getAttribute('lang')).toBe('km');
  });

  it('follows a Khmer browser when set to automatic', async () => {
    await show(fakeDeps({ hints: () => ({ timeZone: 'Asia/Phnom_Penh', language: 'km-KH' }) }));
    expect(screen.getByTestId('report-button').textContent).toBe('រាយការណ៍រឿងនេះ');
  });

  it('still works with the defaults when the settings cannot be read', async () => {
    await show(fakeDeps({ settings: async () => Promise.reject(new Error('storage gone')) }));
    expect(screen.getByTestId('report-button').textContent).toBe('Report this');
    expect(screen.getByTestId('help-call').getAttribute('href')).toBe('tel:1280');
  });
});

describe('What my parent can see', () => {
  it("opens without a PIN and shows the parent's summary in categories", async () => {
    const deps = await show(fakeDeps());
    const toggle = screen.getByTestId('parent-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('parent-view')).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const view = await screen.findByTestId('parent-view');
    await within(view).findByTestId('summary');
    expect(deps.summary).toHaveBeenCalledWith(false);
    expect(view.textContent).toContain('bob_22');
    expect(view.textContent).toContain('Asked for photos or video');
    expect(within(view).getByTestId('count-total').dataset.count).toBe(String(summaryPair().thisWeek.total));
  });

  it('asks for the detailed summary when that is what the parent sees', async () => {
    const deps = await show(fakeDeps({}, { ageBand: 'under13', privacyMode: 'detailed' }));
    fireEvent.click(screen.getByTestId('parent-toggle'));
    await within(await screen.findByTestId('parent-view')).findByTestId('summary');
    expect(deps.summary).toHaveBeenCalledWith(true);
  });

  it('shows an error and tries again', async () => {
    const deps = fakeDeps();
    deps.summary.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'The background worker did not answer.' } });
    await show(deps);
    fireEvent.click(screen.getByTestId('parent-toggle'));
    const error = await screen.findByTestId('error');
    expect(error.textContent).toContain('could not load what your parent sees');
    fireEvent.click(within(error).getByRole('button'));
    await within(screen.getByTestId('parent-view')).findByTestId('summary');
    expect(deps.summary).toHaveBeenCalledTimes(2);
  });
});

describe('nothing escapes', () => {
  it('survives every dependency throwing synchronously', async () => {
    const boom = () => {
      throw new Error('boom');
    };
    const deps = fakeDeps({
      settings: boom,
      activeTab: boom,
      recentReport: boom,
      copy: boom,
      logReport: boom,
      rememberReport: boom,
      summary: boom,
      saveRegion: boom,
    });
    await show(deps);
    fireEvent.click(screen.getByTestId('report-button'));
    await screen.findByTestId('report-steps');
    await waitFor(() => expect(screen.getByText(/could not save a note/)).toBeTruthy());
    fireEvent.click(screen.getByTestId('parent-toggle'));
    await waitFor(() => expect(within(screen.getByTestId('parent-view')).getByTestId('error')).toBeTruthy());
    fireEvent.change(screen.getByTestId('region-select'), { target: { value: 'GB' } });
    await waitFor(() => expect(screen.getByText(/Could not change the country/)).toBeTruthy());
    expect(deps.openTab).not.toHaveBeenCalled();
  });
});
