import {
  CATEGORY_IDS,
  CHILD_CATEGORIES,
  ESCALATING,
  HIGH_SEVERITY,
  STAGE_OF,
  isCategoryId,
  type CategoryId,
  type Stage,
} from './categories';
import type { Level } from './levels';

export type Dir = 'in' | 'out';

/**
 * Everything the scorer remembers about one conversation with one other party. Plain JSON, and
 * bounded: one number per category whatever the length of the conversation.
 */
export interface ConversationState {
  v: 1;
  /** Time (ms) the weights below were last brought up to date. */
  t: number;
  /** Evidence per category: +1 per message carrying it, capped, halving over days. */
  w: Partial<Record<CategoryId, number>>;
  /** The child's shares that answered the other party's request just before, same decay. */
  answered: number;
  /** When the other party last asked for personal details or for an image. */
  askInfo: number | null;
  askImage: number | null;
}

const DAY = 86_400_000;
/** Cues lose half their weight in a week (a month for threats): recent days weigh more. */
export const HALF_LIFE_MS = 7 * DAY;
export const THREAT_HALF_LIFE_MS = 30 * DAY;
/** A cue counts while its weight is at least this: one cue for a week, repeated ones longer. */
export const PRESENT = 0.5;
/** Repeating a cue keeps it alive longer but cannot make it count as more than one category. */
export const CAP = 3;
/** A child's answer counts as answering a request made at most this long before. */
export const ANSWER_WINDOW_MS = 15 * 60_000;

export function createConversationState(): ConversationState {
  return { v: 1, t: 0, w: {}, answered: 0, askInfo: null, askImage: null };
}

/** A state read back from storage, or a fresh one when it is not a state this version wrote. */
export function reviveConversationState(x: unknown): ConversationState {
  const fresh = createConversationState();
  if (typeof x !== 'object' || x === null) return fresh;
  const s = x as Record<string, unknown>;
  if (s.v !== 1 || typeof s.t !== 'number' || !Number.isFinite(s.t)) return fresh;
  const w: Partial<Record<CategoryId, number>> = {};
  if (typeof s.w === 'object' && s.w !== null) {
    for (const [k, v] of Object.entries(s.w)) {
      if (isCategoryId(k) && typeof v === 'number' && Number.isFinite(v) && v > 0) w[k] = Math.min(CAP, v);
    }
  }
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return { v: 1, t: s.t, w, answered: Math.min(CAP, Math.max(0, num(s.answered) ?? 0)), askInfo: num(s.askInfo), askImage: num(s.askImage) };
}

function decay(weight: number, dt: number, halfLife: number): number {
  return dt <= 0 ? weight : weight * Math.pow(2, -dt / halfLife);
}

function halfLifeOf(c: CategoryId): number {
  return c === 'sextortion_threat' ? THREAT_HALF_LIFE_MS : HALF_LIFE_MS;
}

/** The state with every weight brought forward to `now` (never backwards). */
function decayed(state: ConversationState, now: number): ConversationState {
  const t = Math.max(state.t, now);
  const dt = t - state.t;
  const w: Partial<Record<CategoryId, number>> = {};
  for (const c of CATEGORY_IDS) {
    const v = state.w[c];
    if (v === undefined) continue;
    const d = decay(v, dt, halfLifeOf(c));
    if (d >= 0.01) w[c] = d;
  }
  const answered = decay(state.answered, dt, HALF_LIFE_MS);
  return { ...state, t, w, answered: answered >= 0.01 ? answered : 0 };
}

export function scoreMessage(
  state: ConversationState,
  msg: { dir: Dir; categories: readonly CategoryId[]; ts: number },
): { state: ConversationState; level: Level } {
  const ts = Number.isFinite(msg.ts) ? msg.ts : state.t;
  const next = decayed(state, ts);
  const now = next.t;
  for (const c of new Set(msg.categories)) {
    if (!isCategoryId(c)) continue;
    // The child's own words never count against the other party, and only the child shares.
    if (CHILD_CATEGORIES.has(c) !== (msg.dir === 'out')) continue;
    next.w[c] = Math.min(CAP, (next.w[c] ?? 0) + 1);
    if (c === 'personal_info_request') next.askInfo = now;
    if (c === 'image_request') next.askImage = now;
    const askedAt = c === 'share_personal_info' ? next.askInfo : c === 'share_image' ? next.askImage : null;
    if (askedAt !== null && now - askedAt <= ANSWER_WINDOW_MS) next.answered = Math.min(CAP, next.answered + 1);
  }
  return { state: next, level: levelOf(next) };
}

export function conversationLevel(state: ConversationState, now: number): Level {
  return levelOf(decayed(state, Number.isFinite(now) ? now : state.t));
}

export interface ConversationSummary {
  level: Level;
  /** The other party's categories that still count, in taxonomy order. */
  categories: CategoryId[];
  stages: number;
  childShared: boolean;
  answeredRequest: boolean;
}

export function conversationSummary(state: ConversationState, now: number): ConversationSummary {
  const s = decayed(state, Number.isFinite(now) ? now : state.t);
  const categories = CATEGORY_IDS.filter((c) => !CHILD_CATEGORIES.has(c) && (s.w[c] ?? 0) >= PRESENT);
  return {
    level: levelOf(s),
    categories,
    stages: stageCount(categories),
    childShared: (s.w.share_personal_info ?? 0) >= PRESENT || (s.w.share_image ?? 0) >= PRESENT,
    answeredRequest: s.answered >= PRESENT,
  };
}

function stageCount(categories: readonly CategoryId[]): number {
  const stages = new Set<Stage>();
  for (const c of categories) {
    const st = STAGE_OF[c];
    if (st) stages.add(st);
  }
  return stages.size;
}

/** Signals from this many stages, with this many categories, alert even without a high one. */
const STAGE_BONUS_STAGES = 3;
const STAGE_BONUS_CATEGORIES = 4;

/**
 * The taxonomy's reference rule over the categories that still count, plus two cautions it allows:
 * a child's answer to a request counts as one more category, and signals across three grooming
 * stages (in any order) with four categories alert.
 */
function levelOf(s: ConversationState): Level {
  const present = CATEGORY_IDS.filter((c) => !CHILD_CATEGORIES.has(c) && (s.w[c] ?? 0) >= PRESENT);
  const answered = s.answered >= PRESENT;
  const count = present.length + (answered ? 1 : 0);
  const highs = present.filter((c) => HIGH_SEVERITY.has(c)).length;
  if (present.includes('sextortion_threat')) return 'alert';
  if (highs >= 2 || (highs >= 1 && count >= 3)) return 'alert';
  if (stageCount(present) >= STAGE_BONUS_STAGES && count >= STAGE_BONUS_CATEGORIES) return 'alert';
  if (highs >= 1 || count >= 3) return 'warn';
  if (count === 2 && present.some((c) => ESCALATING.has(c))) return 'warn';
  const childShared = (s.w.share_personal_info ?? 0) >= PRESENT || (s.w.share_image ?? 0) >= PRESENT;
  if (count >= 1 || childShared) return 'watch';
  return 'none';
}

/** The level of one message on its own, by the same rule (used for lines without a conversation). */
export function messageLevel(dir: Dir, categories: readonly CategoryId[]): Level {
  return scoreMessage(createConversationState(), { dir, categories, ts: 0 }).level;
}
