/**
 * The pattern language of the lexicons, kept small enough for non-programmers:
 *
 *   {send} me? * {image} of {you}
 *
 * - `{name}` any word of a class; a bare word matches itself; `a|b|{c}` any of these;
 * - `word?` may be absent; words follow each other directly unless a gap sits between them:
 *   `*` allows up to 3 other words, `*N` up to N (at most 12);
 * - `^` at the start: the message starts here; `$` at the end: the message ends here.
 */

export type Alt = { kind: 'class'; name: string } | { kind: 'word'; text: string };

export interface SlotSpec {
  alts: Alt[];
  optional: boolean;
  /** How many other tokens may stand between the previous slot and this one. */
  gapBefore: number;
}

export interface PatternSpec {
  slots: SlotSpec[];
  anchorStart: boolean;
  anchorEnd: boolean;
}

export const DEFAULT_GAP = 3;
export const MAX_GAP = 12;
const MAX_OPTIONAL = 4;

export class PatternError extends Error {}

export function parsePattern(src: string): PatternSpec {
  const parts = src.trim().split(/\s+/).filter((p) => p !== '');
  const slots: SlotSpec[] = [];
  let anchorStart = false;
  let anchorEnd = false;
  let gap = 0;
  parts.forEach((part, i) => {
    if (part === '^') {
      if (i !== 0) throw new PatternError(`"^" must come first in "${src}"`);
      anchorStart = true;
      return;
    }
    if (part === '$') {
      if (i !== parts.length - 1) throw new PatternError(`"$" must come last in "${src}"`);
      anchorEnd = true;
      return;
    }
    const g = /^(?:\*|…)([0-9]{0,2})$/.exec(part);
    if (g) {
      if (slots.length === 0) throw new PatternError(`a gap cannot start "${src}"`);
      gap += g[1] ? Number(g[1]) : DEFAULT_GAP;
      if (gap > MAX_GAP) throw new PatternError(`gap larger than ${MAX_GAP} in "${src}"`);
      return;
    }
    let body = part;
    let optional = false;
    if (body.length > 1 && body.endsWith('?')) {
      optional = true;
      body = body.slice(0, -1);
    }
    const alts: Alt[] = body.split('|').map((a) => {
      if (a === '') throw new PatternError(`empty alternative in "${part}" of "${src}"`);
      const m = /^\{([a-z#][a-z0-9_]*)\}$/.exec(a);
      if (m) return { kind: 'class', name: m[1] ?? '' };
      if (a.includes('{') || a.includes('}')) throw new PatternError(`bad class reference "${a}" in "${src}"`);
      return { kind: 'word', text: a };
    });
    slots.push({ alts, optional, gapBefore: gap });
    gap = 0;
  });
  if (gap !== 0) throw new PatternError(`a gap cannot end "${src}"`);
  if (!slots.some((s) => !s.optional)) throw new PatternError(`"${src}" needs at least one word that is not optional`);
  if (slots.filter((s) => s.optional).length > MAX_OPTIONAL) throw new PatternError(`more than ${MAX_OPTIONAL} optional words in "${src}"`);
  return { slots, anchorStart, anchorEnd };
}

export interface PlainSlot {
  alts: Alt[];
  gapBefore: number;
}

/**
 * Spells out the optional slots: one plain sequence per choice. A skipped slot's gap passes to the
 * next slot, so `send me? * pic` reads as `send * pic` when "me" is absent.
 */
export function expandOptional(spec: PatternSpec): PlainSlot[][] {
  let seqs: Array<{ slots: PlainSlot[]; carry: number; anchored: boolean }> = [{ slots: [], carry: 0, anchored: true }];
  for (const s of spec.slots) {
    const next: typeof seqs = [];
    for (const q of seqs) {
      next.push({ slots: [...q.slots, { alts: s.alts, gapBefore: s.gapBefore + q.carry }], carry: 0, anchored: q.anchored });
      if (s.optional) next.push({ slots: q.slots, carry: q.carry + s.gapBefore, anchored: q.anchored });
    }
    seqs = next;
  }
  const out: PlainSlot[][] = [];
  for (const q of seqs) {
    const first = q.slots[0];
    if (!first) continue;
    // A leading gap has nothing before it to count from.
    out.push([{ alts: first.alts, gapBefore: 0 }, ...q.slots.slice(1)]);
  }
  return out;
}
