// A tab with flagged conversations, shared by the report and popup tests.
import type { TabConversation, TabStatus } from '@/lib/background/tabs';

export const T0 = Date.UTC(2025, 2, 12, 7, 3); // 12 Mar 2025, 14:03 in Phnom Penh

export function conversation(over: Partial<TabConversation> = {}): TabConversation {
  return {
    conversation: 'discord.com|1111|bob_22',
    site: 'discord.com',
    thread: '1111',
    party: 'bob_22',
    url: 'https://discord.com/channels/@me/1111',
    level: 'warn',
    categories: ['image_request', 'secrecy'],
    messages: [
      { ts: T0, dir: 'in', categories: ['image_request'], excerpt: 'send me a pic of you rn' },
      { ts: T0 + 7 * 60_000, dir: 'in', categories: ['secrecy'], excerpt: "don't tell your parents" },
    ],
    ...over,
  };
}

export function tabStatus(conversations: TabConversation[] = [conversation()], tabId = 7): TabStatus {
  const rank = { none: 0, watch: 1, warn: 2, alert: 3 } as const;
  const level = conversations.reduce<TabStatus['level']>((l, c) => (rank[c.level] > rank[l] ? c.level : l), 'none');
  return { tabId, level, conversations };
}
