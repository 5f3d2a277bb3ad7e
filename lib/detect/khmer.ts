/**
 * Khmer-specific folding. Khmer is written without spaces between words and has several spellings
 * that readers treat as the same word, so matching works on a folded copy of each Khmer run.
 */

const COENG = 0x17d2;

export function isKhmerBase(c: number): boolean {
  return c >= 0x1780 && c <= 0x17b3;
}

/** Letters and marks that belong inside a Khmer word (punctuation such as ។ ends it). */
export function isKhmerWordChar(c: number): boolean {
  return (c >= 0x1780 && c <= 0x17d3) || c === 0x17d7 || c === 0x17dc || c === 0x17dd;
}

/** Where a new orthographic cluster may begin: a base letter not written below another (after COENG). */
export function isClusterStart(text: string, i: number): boolean {
  return isKhmerBase(text.charCodeAt(i)) && (i === 0 || text.charCodeAt(i - 1) !== COENG);
}

/** Order of marks inside a cluster, so that keyboards which type them in another order fold together. */
function markRank(c: number): number {
  if (c === COENG) return 0;
  if (c === 0x17cc) return 1; // robat
  if (c === 0x17c9 || c === 0x17ca) return 2; // register shifters
  if (c >= 0x17b6 && c <= 0x17c5) return 3; // dependent vowels
  return 4;
}

interface Unit {
  text: string;
  offs: number[];
  rank: number;
}

/**
 * Spelling variants that are one word for a reader: COENG DA / COENG TA (ស្ដ / ស្ត), ឲ្យ / អោយ / ឱ្យ,
 * vowels typed as two signs (េ + ី for ើ, េ + ា for ោ), and ុ typed for the look-alike ៊ (សុី / ស៊ី).
 * Returns how many characters of `s` at `i` are replaced and with what, or null.
 */
function rewriteAt(s: string, i: number): readonly [number, string] | null {
  const c = s.charCodeAt(i);
  const d = s.charCodeAt(i + 1);
  switch (c) {
    case 0x17d2:
      return d === 0x178a ? [2, '\u17d2\u178f'] : null;
    case 0x17b2:
      return [1, '\u17b1'];
    case 0x17a2:
      return d === 0x17c4 && s.charCodeAt(i + 2) === 0x1799 ? [3, '\u17b1\u17d2\u1799'] : null;
    case 0x17c1:
      return d === 0x17b8 ? [2, '\u17be'] : d === 0x17b6 ? [2, '\u17c4'] : null;
    case 0x17bb:
      return d === 0x17b8 || d === 0x17b7 || d === 0x17b9 ? [2, `\u17ca${s[i + 1] ?? ''}`] : null;
    default:
      return null;
  }
}

/**
 * Folds one Khmer run (no spaces inside) and keeps, for every output character, the original offset
 * of the character it came from. One pass for the spelling rewrites, one for mark order.
 */
export function foldKhmerRun(chars: string, offs: readonly number[]): { text: string; offs: number[] } {
  const n = chars.length;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (rewriteAt(chars, i) !== null) {
      first = i;
      break;
    }
  }
  if (first < 0) return reorderMarks(chars, offs as number[]);
  let text = chars.slice(0, first);
  const map: number[] = offs.slice(0, first);
  for (let i = first; i < n; ) {
    const r = rewriteAt(chars, i);
    if (r === null) {
      text += chars[i];
      map.push(offs[i] ?? 0);
      i++;
      continue;
    }
    const [len, to] = r;
    for (let k = 0; k < to.length; k++) map.push(offs[i + Math.min(k, len - 1)] ?? 0);
    text += to;
    i += len;
  }
  return reorderMarks(text, map);
}

function reorderMarks(text: string, map: number[]): { text: string; offs: number[] } {
  let needs = false;
  let prevRank = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isKhmerBase(c) && (i === 0 || text.charCodeAt(i - 1) !== COENG)) {
      prevRank = -1;
      continue;
    }
    if (c >= 0x17b6 && c <= 0x17dd && c !== 0x17d4 && c !== 0x17d5) {
      const r = markRank(c);
      if (r < prevRank) {
        needs = true;
        break;
      }
      prevRank = r;
    }
  }
  if (!needs) return { text, offs: map };

  let out = '';
  const outMap: number[] = [];
  let units: Unit[] = [];
  const flush = (): void => {
    units.sort((a, b) => a.rank - b.rank);
    for (const u of units) {
      out += u.text;
      outMap.push(...u.offs);
    }
    units = [];
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === COENG && i + 1 < text.length && isKhmerBase(text.charCodeAt(i + 1))) {
      units.push({ text: text.slice(i, i + 2), offs: [map[i] ?? 0, map[i + 1] ?? 0], rank: 0 });
      i += 2;
    } else if (isKhmerBase(c) || c < 0x1780 || c > 0x17ff) {
      flush();
      out += text[i];
      outMap.push(map[i] ?? 0);
      i++;
    } else {
      units.push({ text: text[i] ?? '', offs: [map[i] ?? 0], rank: markRank(c) });
      i++;
    }
  }
  flush();
  return { text: out, offs: outMap };
}

/** The maximal runs of Khmer word characters in `text`. */
export function khmerRuns(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inRun = i < text.length && isKhmerWordChar(text.charCodeAt(i));
    if (inRun && start < 0) start = i;
    else if (!inRun && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}
