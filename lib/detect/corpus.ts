import { isCategoryId, type CategoryId } from './categories';
import { isLevel, type Level } from './levels';
import { createConversationState, messageLevel, scoreMessage, type ConversationState, type Dir } from './score';

/** One message line of the corpus format (detection-taxonomy.md). */
export interface CorpusMessage {
  line: number;
  id: string | number;
  text: string;
  lang: string | null;
  dir: Dir;
  labels: CategoryId[] | null;
  conv: string | null;
  seq: number | null;
}

export interface CorpusExpect {
  line: number;
  conv: string;
  expect: Level;
  bySeq: number | null;
}

export type CorpusLine =
  | { kind: 'message'; message: CorpusMessage }
  | { kind: 'expect'; expect: CorpusExpect }
  | { kind: 'blank' }
  | { kind: 'error'; line: number; error: string };

/** Reads one line; `line` is 1-based. Never throws: a bad line comes back as an error. */
export function parseCorpusLine(raw: string, line: number): CorpusLine {
  const text = raw.trim();
  if (text === '') return { kind: 'blank' };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    return { kind: 'error', line, error: `not valid JSON (${(err as Error).message})` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { kind: 'error', line, error: 'not a JSON object' };
  const o = v as Record<string, unknown>;
  const conv = typeof o.conv === 'string' ? o.conv : typeof o.conv === 'number' ? String(o.conv) : null;
  if ('expect' in o) {
    if (conv === null) return { kind: 'error', line, error: '"expect" line without "conv"' };
    if (!isLevel(o.expect)) return { kind: 'error', line, error: `"expect" must be none, watch, warn or alert` };
    const bySeq = typeof o.by_seq === 'number' && Number.isFinite(o.by_seq) ? o.by_seq : null;
    return { kind: 'expect', expect: { line, conv, expect: o.expect, bySeq } };
  }
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return { kind: 'error', line, error: 'missing "id"' };
  if (typeof o.text !== 'string') return { kind: 'error', line, error: 'missing "text" (a string)' };
  if (o.dir !== undefined && o.dir !== 'in' && o.dir !== 'out') return { kind: 'error', line, error: '"dir" must be "in" or "out"' };
  let labels: CategoryId[] | null = null;
  if (o.labels !== undefined) {
    if (!Array.isArray(o.labels)) return { kind: 'error', line, error: '"labels" must be a list' };
    labels = o.labels.filter(isCategoryId);
  }
  const seq = typeof o.seq === 'number' && Number.isFinite(o.seq) ? o.seq : null;
  return {
    kind: 'message',
    message: {
      line,
      id: o.id,
      text: o.text,
      lang: typeof o.lang === 'string' ? o.lang : null,
      dir: o.dir === 'out' ? 'out' : 'in',
      labels,
      conv,
      seq,
    },
  };
}

export interface ScoredMessage {
  message: CorpusMessage;
  labels: CategoryId[];
  level: Level;
}

/** Conversations are scored in `seq` order, one message a minute apart, as the scanner contract asks. */
export const SEQ_STEP_MS = 60_000;

/**
 * Labels every message and gives each its level: the conversation's level after it when it has
 * `conv`, else its own. Results come back in input order.
 */
export function scoreCorpus(
  messages: readonly CorpusMessage[],
  labelsOf: (m: CorpusMessage) => CategoryId[],
): ScoredMessage[] {
  const labels = messages.map(labelsOf);
  const levels: Level[] = messages.map((m, i) => (m.conv === null ? messageLevel(m.dir, labels[i] ?? []) : 'none'));
  const byConv = new Map<string, number[]>();
  messages.forEach((m, i) => {
    if (m.conv === null) return;
    const list = byConv.get(m.conv);
    if (list) list.push(i);
    else byConv.set(m.conv, [i]);
  });
  for (const idx of byConv.values()) {
    // Stable sort keeps file order for equal or missing seq numbers.
    const order = idx
      .map((i, k) => ({ i, seq: messages[i]?.seq ?? k }))
      .sort((a, b) => a.seq - b.seq);
    let state: ConversationState = createConversationState();
    for (const { i, seq } of order) {
      const m = messages[i] as CorpusMessage;
      const r = scoreMessage(state, { dir: m.dir, categories: labels[i] ?? [], ts: seq * SEQ_STEP_MS });
      state = r.state;
      levels[i] = r.level;
    }
  }
  return messages.map((message, i) => ({ message, labels: labels[i] ?? [], level: levels[i] ?? 'none' }));
}
