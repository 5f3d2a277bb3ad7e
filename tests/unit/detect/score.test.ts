// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  conversationLevel,
  conversationSummary,
  createConversationState,
  levelRank,
  LEVELS,
  messageLevel,
  reviveConversationState,
  scoreMessage,
  type CategoryId,
  type ConversationState,
  type Dir,
  type Level,
} from '../../../lib/detect/index';

const MIN = 60_000;
const DAY = 86_400_000;

/** Scores messages one minute apart; each item is [dir, categories]. */
function run(msgs: Array<[Dir, CategoryId[]]>, start = 0): { state: ConversationState; levels: Level[] } {
  let state = createConversationState();
  const levels: Level[] = [];
  msgs.forEach(([dir, categories], i) => {
    const r = scoreMessage(state, { dir, categories, ts: start + i * MIN });
    state = r.state;
    levels.push(r.level);
  });
  return { state, levels };
}
const last = (msgs: Array<[Dir, CategoryId[]]>): Level => run(msgs).levels.at(-1) ?? 'none';

describe('levels', () => {
  it('are ordered none < watch < warn < alert', () => {
    expect(LEVELS).toEqual(['none', 'watch', 'warn', 'alert']);
    expect(LEVELS.map(levelRank)).toEqual([0, 1, 2, 3]);
  });
});

describe('conversation scoring (taxonomy reference rule)', () => {
  it.each<[string, Array<[Dir, CategoryId[]]>, Level]>([
    ['nothing → none', [['in', []], ['out', []]], 'none'],
    ['a sextortion threat alone → alert', [['in', ['sextortion_threat']]], 'alert'],
    ['two different high categories → alert', [['in', ['image_request']], ['in', ['meeting_request']]], 'alert'],
    ['an explicit image request (image + sexual) → alert at once', [['in', ['image_request', 'sexual_content']]], 'alert'],
    ['one high among three categories → alert', [['in', ['age_probe']], ['in', ['flattery_trust']], ['in', ['image_request']]], 'alert'],
    ['one high category → warn', [['in', ['meeting_request']]], 'warn'],
    ['three categories → warn', [['in', ['age_probe']], ['in', ['flattery_trust']], ['in', ['personal_info_request']]], 'warn'],
    ['two categories with secrecy → warn', [['in', ['flattery_trust']], ['in', ['secrecy']]], 'warn'],
    ['two categories with platform_move → warn', [['in', ['age_probe', 'platform_move']]], 'warn'],
    ['two categories with isolation_check → warn', [['in', ['age_probe']], ['in', ['isolation_check']]], 'warn'],
    ['two categories with gift_offer → warn', [['in', ['gift_offer']], ['in', ['flattery_trust']]], 'warn'],
    ['two low categories → watch', [['in', ['age_probe']], ['in', ['flattery_trust']]], 'watch'],
    ['a single low signal → watch', [['in', ['age_probe']]], 'watch'],
    ['a single medium signal → watch', [['in', ['secrecy']]], 'watch'],
    ['the child sharing personal info → watch', [['out', ['share_personal_info']]], 'watch'],
    ['the child sharing an image → watch', [['out', ['share_image']]], 'watch'],
    ['three stages, four categories, no high one → alert', [['in', ['flattery_trust']], ['in', ['gift_offer']], ['in', ['isolation_check']], ['in', ['secrecy']]], 'alert'],
  ])('%s', (_name, msgs, level) => {
    expect(last(msgs)).toBe(level);
  });

  it('caps repeated cues: one category said ten times is still one signal', () => {
    const msgs = Array.from({ length: 10 }, (): [Dir, CategoryId[]] => ['in', ['secrecy']]);
    expect(last(msgs)).toBe('watch');
    expect(run(msgs).state.w.secrecy).toBe(3);
  });

  it("weighs the child's answer up when the other party asked just before", () => {
    const asked: Array<[Dir, CategoryId[]]> = [['in', ['personal_info_request']], ['out', ['share_personal_info']], ['in', ['age_probe']]];
    expect(last(asked)).toBe('warn');
    const unasked: Array<[Dir, CategoryId[]]> = [['in', ['personal_info_request']], ['in', ['age_probe']]];
    expect(last(unasked)).toBe('watch');
    // An answer long after the question is not counted as answering it.
    let state = scoreMessage(createConversationState(), { dir: 'in', categories: ['personal_info_request'], ts: 0 }).state;
    state = scoreMessage(state, { dir: 'out', categories: ['share_personal_info'], ts: 3 * 60 * MIN }).state;
    expect(scoreMessage(state, { dir: 'in', categories: ['age_probe'], ts: 3 * 60 * MIN + MIN }).level).toBe('watch');
  });

  it("does not count the child's own words against the other party", () => {
    expect(last([['out', ['secrecy', 'image_request']]])).toBe('none');
  });

  it('lets old cues decay over days', () => {
    const { state } = run([['in', ['meeting_request']]]);
    expect(conversationLevel(state, MIN)).toBe('warn');
    expect(conversationLevel(state, 3 * DAY)).toBe('warn');
    expect(conversationLevel(state, 10 * DAY)).toBe('none');
    // A new cue after the old one faded does not combine with it.
    const later = scoreMessage(state, { dir: 'in', categories: ['secrecy'], ts: 30 * DAY });
    expect(later.level).toBe('watch');
  });

  it('keeps threats longer than other cues', () => {
    const { state } = run([['in', ['sextortion_threat']]]);
    expect(conversationLevel(state, 20 * DAY)).toBe('alert');
  });

  it('is pure: scoring returns a new state and leaves the old one as it was', () => {
    const s0 = createConversationState();
    const copy = JSON.stringify(s0);
    const r = scoreMessage(s0, { dir: 'in', categories: ['secrecy'], ts: 1000 });
    expect(JSON.stringify(s0)).toBe(copy);
    expect(r.state).not.toBe(s0);
  });

  it('keeps state small and JSON-serialisable however long the conversation', () => {
    let state = createConversationState();
    const cats: CategoryId[] = ['secrecy', 'age_probe', 'image_request', 'share_personal_info'];
    for (let i = 0; i < 5000; i++) {
      state = scoreMessage(state, { dir: i % 2 ? 'out' : 'in', categories: [cats[i % cats.length] as CategoryId], ts: i * MIN }).state;
    }
    const json = JSON.stringify(state);
    expect(json.length).toBeLessThan(600);
    expect(reviveConversationState(JSON.parse(json))).toEqual(state);
  });

  it('tolerates stored states from elsewhere and messages out of order', () => {
    expect(reviveConversationState({ v: 9 })).toEqual(createConversationState());
    expect(reviveConversationState(null)).toEqual(createConversationState());
    const r1 = scoreMessage(createConversationState(), { dir: 'in', categories: ['image_request'], ts: 10 * MIN });
    const r2 = scoreMessage(r1.state, { dir: 'in', categories: ['secrecy'], ts: 5 * MIN });
    expect(r2.level).toBe('warn');
    expect(r2.state.t).toBe(10 * MIN);
  });

  it('summarises what still counts', () => {
    const { state } = run([['in', ['age_probe']], ['in', ['image_request']], ['out', ['share_personal_info']]]);
    const s = conversationSummary(state, 3 * MIN);
    expect(s.categories).toEqual(['image_request', 'age_probe']);
    expect(s.childShared).toBe(true);
    expect(s.stages).toBe(2);
  });

  it('scores a single message by the same rule', () => {
    expect(messageLevel('in', ['sextortion_threat'])).toBe('alert');
    expect(messageLevel('in', ['image_request'])).toBe('warn');
    expect(messageLevel('in', ['age_probe'])).toBe('watch');
    expect(messageLevel('out', ['share_personal_info'])).toBe('watch');
    expect(messageLevel('in', [])).toBe('none');
  });

  it('never lets a benign-looking run of low signals reach warn', () => {
    const msgs = Array.from({ length: 50 }, (_v, i): [Dir, CategoryId[]] => ['in', i % 2 ? ['age_probe'] : []]);
    expect(run(msgs).levels.every((l) => levelRank(l) < levelRank('warn'))).toBe(true);
  });
});
