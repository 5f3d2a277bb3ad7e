import { describe, expect, it } from 'vitest';
import { analyzeMessage, type Level } from '@/lib/detect';
import { ContentController, type NudgeRequest } from '@/lib/content/controller';
import { fail, ok, type Signal, type SignalResult } from '@/lib/messaging';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import type { SiteMessage } from '@/lib/sites/types';

function setup(levels: Level[], settings: Partial<Settings> = {}) {
  const sent: Signal[] = [];
  const nudges: NudgeRequest[] = [];
  const nudged = new Set<string>();
  const c = new ContentController({
    site: 'discord.com',
    url: () => 'https://discord.com/channels/@me/1',
    analyze: analyzeMessage,
    send: async (s) => {
      sent.push(s);
      const level = levels.shift();
      return level ? ok<SignalResult>({ conversation: 'c', level, logged: true }) : fail('storage', 'full');
    },
    settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
    browserLang: 'en-GB',
    now: () => 1_700_000_000_000,
    wasNudged: (conv, level) => nudged.has(`${conv}#${level}`),
    markNudged: (conv, level) => void nudged.add(`${conv}#${level}`),
    showNudge: (n) => void nudges.push(n),
  });
  return { c, sent, nudges };
}

const msg = (text: string, dir: 'in' | 'out' = 'in', key = text): SiteMessage =>
  ({ key, text, dir, sender: 'Dara', thread: 't1', node: null as unknown as Element });
const ctx = { thread: 't1', party: 'Dara', index: 0 };

describe('ContentController', () => {
  it('sends nothing for a benign message', async () => {
    const { c, sent } = setup([]);
    await c.onMessage(msg('see you at practice tomorrow'), ctx);
    expect(sent).toEqual([]);
  });

  it('sends only category ids and a masked excerpt for a flagged message', async () => {
    const { c, sent } = setup(['warn']);
    await c.onMessage(msg('send me a pic of you, my number is 012 345 678'), ctx);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.categories).toContain('image_request');
    expect(sent[0]!.excerpt).not.toContain('012 345 678');
    expect(sent[0]).toMatchObject({ site: 'discord.com', thread: 't1', party: 'Dara', dir: 'in' });
  });

  it('nudges once per conversation and level, from the level the background answers', async () => {
    const { c, nudges } = setup(['watch', 'warn', 'warn', 'alert']);
    await c.onMessage(msg('you are so mature for your age'), ctx);
    expect(nudges).toHaveLength(0);
    await c.onMessage(msg('are your parents home right now?'), ctx);
    await c.onMessage(msg("don't tell anyone about us ok"), ctx);
    expect(nudges.map((n) => n.level)).toEqual(['warn']);
    await c.onMessage(msg('send me a pic of you'), ctx);
    expect(nudges.map((n) => n.level)).toEqual(['warn', 'alert']);
    expect(nudges[1]!.categories).toContain('image_request');
    expect(nudges[1]!.party).toBe('Dara');
  });

  it('respects the parent: alert-only nudges, and quiet categories', async () => {
    const a = setup(['warn'], { nudgeFrom: 'alert' });
    await a.c.onMessage(msg('send me a pic of you'), ctx);
    expect(a.nudges).toHaveLength(0);
    const b = setup(['warn'], { quietCategories: ['isolation_check'] });
    await b.c.onMessage(msg('are your parents home right now?'), ctx);
    expect(b.nudges).toHaveLength(0);
  });

  it('speaks Khmer when the other party writes Khmer and the setting is automatic', async () => {
    const { c, nudges } = setup(['alert']);
    await c.onMessage(msg('ផ្ញើរូបអូនមកបងមើលបន្តិច'), ctx);
    expect(nudges[0]?.lang).toBe('km');
  });

  it('does not nudge when the background could not save the signal', async () => {
    const { c, nudges } = setup([]);
    await c.onMessage(msg('send me a pic of you'), ctx);
    expect(nudges).toHaveLength(0);
  });
});
