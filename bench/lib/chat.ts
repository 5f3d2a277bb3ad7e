// The chat the page benchmarks load: thousands of everyday messages with a few risky ones,
// generated from a fixed seed so every run (and every machine) sees the same conversation.
import { analyzeMessage, createConversationState, levelRank, scoreMessage, type ConversationState } from '../../lib/detect';
import { DEFAULT_SETTINGS } from '../../lib/settings/model';
import { fixtureHtml } from '../../tests/e2e/harness';

export interface ChatLine {
  dir: 'in' | 'out';
  text: string;
}

const OPENERS = ['hey', 'lol', 'ok so', 'omg', 'wait', 'haha', 'yo', 'hmm', 'btw', 'ngl'];
const TOPICS = [
  'did you finish the maths homework',
  'the new level is so hard',
  'my cat knocked my water over again',
  'what time is football practice tomorrow',
  'i got a new skin in the game',
  'the teacher said the test moved to friday',
  'that video was so funny',
  'can you help me with question 4',
  'we are having noodles for dinner',
  'my brother keeps stealing the controller',
  'did you see the match yesterday',
  'i think it will rain later',
  'the science project is due next week',
  'i finally beat the boss',
  'let me know when you are online',
];
const CLOSERS = ['', '!', '!!', ' 😂', ' lol', ' haha', '?', ' :)', ' tbh', ' fr'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` everyday lines. Lines the detector flags (false positives of the moment) are drawn again,
 * so "benign" means benign to the build under test; `rejected` counts them.
 */
export function benignLines(n: number, seed = 9): ChatLine[] & { rejected?: number } {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: ChatLine[] & { rejected?: number } = [];
  const verdict = new Map<string, boolean>();
  let rejected = 0;
  for (let tries = 0; out.length < n && tries < n * 20; tries++) {
    const line: ChatLine = { dir: rnd() < 0.5 ? 'in' : 'out', text: `${pick(OPENERS)} ${pick(TOPICS)}${pick(CLOSERS)}` };
    const key = `${line.dir}:${line.text}`;
    let flags = verdict.get(key);
    if (flags === undefined) verdict.set(key, (flags = analyzeMessage(line.text, { dir: line.dir }).categories.length > 0));
    if (flags) rejected++;
    else out.push(line);
  }
  if (out.length < n) throw new Error(`the detector flags almost every everyday line (${rejected} rejected)`);
  out.rejected = rejected;
  return out;
}

/**
 * Lines that flag (and are logged) but never nudge: the child sharing their own details, which
 * the nudge leaves to the inline reminder and which does not count against the other party.
 */
export const LOW_RISK: readonly ChatLine[] = [
  { dir: 'out', text: 'my number is 012 345 678' },
  { dir: 'out', text: 'i live at 12 street 5, phnom penh' },
];

/** A grooming escalation that ends the history: its last lines take the conversation to the top level. */
export const ESCALATION: readonly ChatLine[] = [
  { dir: 'in', text: 'are your parents home right now?' },
  { dir: 'in', text: 'this is just between us ok, dont tell anyone' },
  { dir: 'in', text: 'send me a pic of you' },
];

/** Lines that, alone in a new conversation, call for a nudge. */
export const NUDGE_ALONE: readonly string[] = ['send me a pic of you rn', 'send me a photo of you in your room', 'can you send a pic of yourself'];

/**
 * `total` lines: benign ones with a low-risk line every `lowEvery`, ending with the escalation,
 * so the last nudge appears only when the whole history has been read.
 */
export function historyLines(total: number, lowEvery = 250): ChatLine[] & { rejected?: number } {
  const body = benignLines(total - ESCALATION.length);
  const rejected = body.rejected;
  for (let i = lowEvery - 1, k = 0; i < body.length; i += lowEvery, k++) body[i] = LOW_RISK[k % LOW_RISK.length]!;
  return Object.assign([...body, ...ESCALATION], { rejected });
}

/** The Discord fixture with `lines` appended by an inline script, so they are there at load. */
export function chatPage(lines: ChatLine[], fixture = 'sites/discord.html'): string {
  const script = `<script>window.chatFixture.addMany(${JSON.stringify(lines).replace(/</g, '\\u003c')});</script>`;
  return fixtureHtml(fixture).replace(/<\/body>/i, `${script}</body>`);
}

/**
 * Replays a one-conversation history through the same detector and scorer the extension uses,
 * with the content script's nudge rule (default settings: from `warn`, once per level, not for
 * the child's own shares). Returns how many lines flag and which lines bring a nudge.
 */
export function nudgePlan(lines: readonly ChatLine[]): { flagged: number; nudgeAt: number[] } {
  let state: ConversationState = createConversationState();
  const shown = new Set<string>();
  const loud = new Set<string>();
  const nudgeAt: number[] = [];
  let flagged = 0;
  const t0 = Date.now();
  lines.forEach((l, i) => {
    const cats = analyzeMessage(l.text, { dir: l.dir }).categories;
    if (cats.length === 0) return;
    flagged++;
    const r = scoreMessage(state, { dir: l.dir, categories: cats, ts: t0 + i });
    state = r.state;
    for (const c of cats) if (c !== 'share_personal_info' && !DEFAULT_SETTINGS.quietCategories.includes(c)) loud.add(c);
    if (levelRank(r.level) >= levelRank(DEFAULT_SETTINGS.nudgeFrom) && loud.size > 0 && !shown.has(r.level)) {
      shown.add(r.level);
      nudgeAt.push(i);
    }
  });
  return { flagged, nudgeAt };
}
