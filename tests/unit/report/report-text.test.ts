import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGES,
  buildReportText,
  cleanText,
  reportConversations,
  reportLogFor,
  safeUrl,
  type ReportInput,
} from '@/lib/report/report-text';
import { T0, conversation, tabStatus } from './fixtures';

const NOW = T0 + 20 * 60_000;
const PAGE = 'https://discord.com/channels/@me/1111';

function input(over: Partial<ReportInput> = {}): ReportInput {
  return { lang: 'en', pageUrl: PAGE, status: tabStatus(), now: NOW, timeZone: 'Asia/Phnom_Penh', ...over };
}

describe('buildReportText', () => {
  it('has the page, the site, the other party, the times, the flagged text and its categories', () => {
    const text = buildReportText(input());
    expect(text).toContain(`Page: ${PAGE}`);
    expect(text).toContain('Site: discord.com');
    expect(text).toContain("The other person's name as shown: bob_22");
    expect(text).toContain('What happened: Asked for photos or video; Asked to keep secrets');
    expect(text).toContain('When: 12 Mar 2025, 14:03 GMT+7 to 12 Mar 2025, 14:10 GMT+7');
    expect(text).toContain('- 12 Mar 2025, 14:03 GMT+7, the other person: "send me a pic of you rn" (Asked for photos or video)');
    expect(text).toContain('"don\'t tell your parents" (Asked to keep secrets)');
    expect(text).toContain('Report made: 12 Mar 2025, 14:23 GMT+7');
    expect(text).toContain('No pictures are attached.');
  });

  it("marks the child's own messages as the child's", () => {
    const c = conversation({
      messages: [{ ts: T0, dir: 'out', categories: ['share_personal_info'], excerpt: 'my number is [phone]' }],
    });
    expect(buildReportText(input({ status: tabStatus([c]) }))).toContain(', the child: "my number is [phone]" (Shared personal details)');
  });

  it('works with nothing flagged, from the page address alone', () => {
    for (const status of [null, tabStatus([])]) {
      const text = buildReportText(input({ status, pageUrl: 'https://example.org/room/5' }));
      expect(text).toContain('Page: https://example.org/room/5');
      expect(text).toContain('Site: example.org');
      expect(text).toContain('What happened: Chaperone did not flag messages here.');
      expect(text).not.toContain('Flagged messages');
    }
  });

  it('says so when the address is unknown', () => {
    const text = buildReportText(input({ status: null, pageUrl: '' }));
    expect(text).toContain('Page: (the address is not known)');
  });

  it('takes the address from the conversation when the tab gave none', () => {
    expect(buildReportText(input({ pageUrl: '' }))).toContain(`Page: ${PAGE}`);
  });

  it('never carries image data, from the messages or the address', () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk';
    const c = conversation({
      party: `eve ${png}`,
      messages: [
        { ts: T0, dir: 'in', categories: ['image_request'], excerpt: `look ${png} and blob:https://discord.com/1234-5678` },
      ],
    });
    const text = buildReportText(input({ status: tabStatus([c]), pageUrl: png }));
    expect(text).not.toMatch(/data:|base64|iVBOR|blob:/i);
    expect(text).toContain('"look […] and […]"');
    expect(text).toContain(`Page: ${PAGE}`);
  });

  it('keeps each message on one line', () => {
    const c = conversation({ messages: [{ ts: T0, dir: 'in', categories: ['secrecy'], excerpt: 'line one\nline two\r\n\tthree' }] });
    expect(buildReportText(input({ status: tabStatus([c]) }))).toContain('"line one line two three"');
  });

  it('lists the most serious conversation first and numbers them', () => {
    const watch = conversation({ conversation: 'a', party: 'amy', level: 'watch', categories: ['age_probe'] });
    const alert = conversation({ conversation: 'b', party: 'mallory', level: 'alert', categories: ['sextortion_threat'] });
    const text = buildReportText(input({ status: tabStatus([watch, alert]) }));
    expect(text.indexOf('Chat 1 of 2')).toBeLessThan(text.indexOf('mallory'));
    expect(text.indexOf('mallory')).toBeLessThan(text.indexOf('Chat 2 of 2'));
    expect(text.indexOf('Chat 2 of 2')).toBeLessThan(text.indexOf('amy'));
  });

  it('keeps the newest messages and says how many were left out', () => {
    const messages = Array.from({ length: MAX_MESSAGES + 4 }, (_, i) => ({
      ts: T0 + i * 60_000,
      dir: 'in' as const,
      categories: ['flattery_trust' as const],
      excerpt: `message number ${i}`,
    }));
    const text = buildReportText(input({ status: tabStatus([conversation({ messages })]) }));
    expect(text).not.toContain('"message number 3"');
    expect(text).toContain('"message number 4"');
    expect(text).toContain(`"message number ${MAX_MESSAGES + 3}"`);
    expect(text).toContain('(4 earlier flagged messages are not included)');
  });

  it('is written in Khmer for a Khmer-speaking child', () => {
    const text = buildReportText(input({ lang: 'km' }));
    expect(text).toContain('របាយការណ៍៖');
    expect(text).toContain('សុំរូបថត ឬវីដេអូ');
    expect(text).toContain(PAGE);
    expect(text).toContain('bob_22');
    expect(text).toContain('send me a pic of you rn');
  });
});

describe('reportConversations', () => {
  it('puts first the conversation the child reported from a nudge', () => {
    const alert = conversation({ conversation: 'b', party: 'mallory', level: 'alert', categories: ['sextortion_threat'] });
    const text = buildReportText(input({ status: tabStatus([alert, conversation()]), conversation: conversation().conversation }));
    expect(text.indexOf('bob_22')).toBeLessThan(text.indexOf('mallory'));
  });
  it('caps the number of conversations', () => {
    const many = Array.from({ length: 6 }, (_, i) => conversation({ conversation: `c${i}` }));
    expect(reportConversations(tabStatus(many))).toHaveLength(3);
  });
});

describe('reportLogFor', () => {
  it('records the conversation, the page and the hotline', () => {
    expect(reportLogFor(input(), 'kh-ihc-aple')).toEqual({
      site: 'discord.com',
      thread: '1111',
      party: 'bob_22',
      url: PAGE,
      hotline: 'kh-ihc-aple',
      ts: NOW,
    });
  });

  it('records the page alone when nothing was flagged', () => {
    expect(reportLogFor(input({ status: null, pageUrl: 'https://example.org/x' }), 'gb-iwf')).toEqual({
      site: 'example.org',
      thread: '',
      party: '',
      url: 'https://example.org/x',
      hotline: 'gb-iwf',
      ts: NOW,
    });
  });

  it('never logs an address that is not a web page', () => {
    expect(reportLogFor(input({ status: null, pageUrl: 'chrome://newtab/' }), 'gb-iwf').url).toBe('');
  });
});

describe('safeUrl and cleanText', () => {
  it.each([
    ['https://x.org/a', 'https://x.org/a'],
    [' http://x.org/ ', 'http://x.org/'],
    ['chrome://extensions', ''],
    ['data:image/png;base64,AAAA', ''],
    ['javascript:alert(1)', ''],
    ['', ''],
  ])('safeUrl(%j) = %j', (u, expected) => {
    expect(safeUrl(u)).toBe(expected);
  });

  it('cuts long text', () => {
    expect(cleanText('a'.repeat(1000))).toHaveLength(320);
  });
});
