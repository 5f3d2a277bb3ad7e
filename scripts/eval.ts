/**
 * Measures the detector on a labelled corpus: precision, recall and F1 per category and per
 * language, the benign flag rate, and each conversation against its `expect` line.
 * Usage: npm run eval -- FILE.jsonl [--verbose] [--strict]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { staleLexiconData } from '../lib/detect/lexicons';
import { analyzeMessage, CATEGORY_IDS, HIGH_SEVERITY, levelRank, type CategoryId, type Level } from '../lib/detect/index';
import {
  parseCorpusLine,
  scoreCorpus,
  type CorpusExpect,
  type CorpusMessage,
  type ScoredMessage,
} from '../lib/detect/corpus';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const prf = (c: Counts): { p: number; r: number; f: number } => {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
};
const pct = (x: number): string => x.toFixed(3);

/**
 * The taxonomy's reference rule, written out again independently of lib/detect/score.ts so the
 * evaluation can tell a corpus whose expectations contradict the rule from a scorer that drifts.
 */
export function referenceLevel(otherParty: ReadonlySet<CategoryId>, childShared: boolean): Level {
  const cats = [...otherParty];
  const highs = cats.filter((c) => HIGH_SEVERITY.has(c)).length;
  if (otherParty.has('sextortion_threat') || highs >= 2 || (highs >= 1 && cats.length >= 3)) return 'alert';
  const escalating = cats.some((c) => c === 'secrecy' || c === 'platform_move' || c === 'isolation_check' || c === 'gift_offer');
  if (highs >= 1 || cats.length >= 3 || (cats.length === 2 && escalating)) return 'warn';
  return cats.length > 0 || childShared ? 'watch' : 'none';
}

interface ConvResult {
  conv: string;
  expect: Level;
  bySeq: number | null;
  reachedAt: number | null;
  maxLevel: Level;
  ok: boolean;
}

function checkConversations(
  scored: readonly ScoredMessage[],
  expects: readonly CorpusExpect[],
  levelOf: (s: ScoredMessage) => Level,
): ConvResult[] {
  return expects.map((e) => {
    const msgs = scored
      .filter((s) => s.message.conv === e.conv)
      .sort((a, b) => (a.message.seq ?? 0) - (b.message.seq ?? 0));
    let reachedAt: number | null = null;
    let max: Level = 'none';
    for (const s of msgs) {
      const lv = levelOf(s);
      if (levelRank(lv) > levelRank(max)) max = lv;
      if (reachedAt === null && e.expect !== 'none' && levelRank(lv) >= levelRank(e.expect)) reachedAt = s.message.seq ?? 0;
    }
    const ok =
      e.expect === 'none'
        ? levelRank(max) < levelRank('warn')
        : reachedAt !== null && (e.bySeq === null || reachedAt <= e.bySeq);
    return { conv: e.conv, expect: e.expect, bySeq: e.bySeq, reachedAt, maxLevel: max, ok };
  });
}

/** Levels per message from gold labels under the reference rule (conversation messages only). */
function referenceLevels(messages: readonly CorpusMessage[]): Map<CorpusMessage, Level> {
  const out = new Map<CorpusMessage, Level>();
  const convs = new Map<string, CorpusMessage[]>();
  for (const m of messages) if (m.conv !== null) (convs.get(m.conv) ?? convs.set(m.conv, []).get(m.conv))?.push(m);
  for (const list of convs.values()) {
    const cats = new Set<CategoryId>();
    let shared = false;
    for (const m of [...list].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
      for (const c of m.labels ?? []) {
        if (m.dir === 'in' && c !== 'share_personal_info' && c !== 'share_image') cats.add(c);
        if (m.dir === 'out' && (c === 'share_personal_info' || c === 'share_image')) shared = true;
      }
      out.set(m, referenceLevel(cats, shared));
    }
  }
  return out;
}

export function runEval(file: string, opts: { verbose: boolean; log: (s: string) => void }): { code: number; passed: boolean } {
  const log = opts.log;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    log(`eval: cannot read ${file}: ${(err as Error).message}`);
    return { code: 2, passed: false };
  }
  const messages: CorpusMessage[] = [];
  const expects: CorpusExpect[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const p = parseCorpusLine(raw, i + 1);
    if (p.kind === 'message') messages.push(p.message);
    else if (p.kind === 'expect') expects.push(p.expect);
    else if (p.kind === 'error') log(`${file}:${p.line}: skipped, ${p.error}`);
  });
  const labelled = messages.filter((m) => m.labels !== null);
  const analyses = new Map(messages.map((m) => [m, analyzeMessage(m.text, { dir: m.dir })]));
  const scored = scoreCorpus(messages, (m) => analyses.get(m)?.categories ?? []);

  const perCat = new Map<CategoryId, Counts>(CATEGORY_IDS.map((c) => [c, zero()]));
  const perLang = new Map<string, Counts>();
  const all = zero();
  let benign = 0;
  let benignFlagged = 0;
  let langRight = 0;
  const mistakes: string[] = [];
  for (const m of labelled) {
    const gold = new Set(m.labels ?? []);
    const pred = new Set(analyses.get(m)?.categories ?? []);
    const lang = m.lang ?? 'unknown';
    const lc = perLang.get(lang) ?? perLang.set(lang, zero()).get(lang) ?? zero();
    if (analyses.get(m)?.lang === lang) langRight++;
    if (gold.size === 0) {
      benign++;
      if (pred.size > 0) benignFlagged++;
    }
    for (const c of CATEGORY_IDS) {
      const g = gold.has(c);
      const p = pred.has(c);
      const k: keyof Counts | null = g && p ? 'tp' : p ? 'fp' : g ? 'fn' : null;
      if (k === null) continue;
      (perCat.get(c) as Counts)[k]++;
      lc[k]++;
      all[k]++;
      if (k !== 'tp') mistakes.push(`${k.toUpperCase()} ${c.padEnd(22)} ${String(m.id).padEnd(6)} ${m.lang ?? ''} ${m.dir} ${JSON.stringify(m.text)} ${(analyses.get(m)?.entries ?? []).join(',')}`);
    }
  }

  log(`Corpus: ${file}: ${messages.length} messages (${labelled.length} labelled, ${benign} benign), ${expects.length} conversation expectations\n`);
  log('Per category            P      R      F1     support');
  for (const [c, k] of perCat) {
    if (k.tp + k.fn + k.fp === 0) continue;
    const { p, r, f } = prf(k);
    log(`  ${c.padEnd(22)}${pct(p)}  ${pct(r)}  ${pct(f)}  ${k.tp + k.fn}`);
  }
  log('\nPer language            P      R      F1     messages');
  const langF: Record<string, number> = {};
  for (const [lang, k] of [...perLang].sort()) {
    const { p, r, f } = prf(k);
    langF[lang] = f;
    log(`  ${lang.padEnd(22)}${pct(p)}  ${pct(r)}  ${pct(f)}  ${labelled.filter((m) => (m.lang ?? 'unknown') === lang).length}`);
  }
  const micro = prf(all);
  const benignRate = benign === 0 ? 0 : benignFlagged / benign;
  log(`\nMicro-averaged          P ${pct(micro.p)}  R ${pct(micro.r)}  F1 ${pct(micro.f)}`);
  log(`Benign flag rate        ${(benignRate * 100).toFixed(2)}% (${benignFlagged}/${benign} benign messages given a label)`);
  log(`Language detection      ${((langRight / Math.max(1, labelled.length)) * 100).toFixed(1)}% of messages`);

  const mine = checkConversations(scored, expects, (s) => s.level);
  const ref = referenceLevels(messages);
  const gold = checkConversations(scored, expects, (s) => ref.get(s.message) ?? 'none');
  log('\nConversations           expect  by   reached  max     result   (reference rule on gold labels)');
  mine.forEach((r, i) => {
    const g = gold[i];
    log(
      `  ${r.conv.padEnd(22)}${r.expect.padEnd(8)}${String(r.bySeq ?? '-').padEnd(5)}${String(r.reachedAt ?? '-').padEnd(9)}${r.maxLevel.padEnd(8)}${(r.ok ? 'ok' : 'MISSED').padEnd(9)}${g ? (g.ok ? 'ok' : 'rule disagrees') : ''}`,
    );
  });
  const convOk = mine.filter((r) => r.ok).length;
  const benignConvs = mine.filter((r) => r.expect === 'none');
  const benignExact = benignConvs.filter((r) => r.maxLevel === 'none').length;
  log(`  ${convOk}/${mine.length} conversations as expected; benign conversations staying at none: ${benignExact}/${benignConvs.length}; reference rule agrees with ${gold.filter((r) => r.ok).length}/${gold.length} expectations`);

  const langsOk = ['en', 'km', 'km-Latn', 'mixed'].every((l) => (langF[l] ?? 1) >= 0.85);
  const passed = micro.f >= 0.9 && benignRate <= 0.03 && langsOk && convOk === mine.length;
  log(`\nDone criteria (micro-F1 >= 0.90, benign <= 3%, F1 >= 0.85 per language, all conversations): ${passed ? 'met' : 'NOT met'}`);
  if (opts.verbose && mistakes.length > 0) log(`\nMistakes:\n${mistakes.join('\n')}`);
  return { code: 0, passed };
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npm run eval -- FILE.jsonl [--verbose] [--strict]\n');
    process.exitCode = 2;
    return;
  }
  const stale = staleLexiconData();
  if (stale !== null) {
    process.stderr.write(`${stale}\n`);
    process.exitCode = 2;
    return;
  }
  const { code, passed } = runEval(file, { verbose: args.includes('--verbose'), log: (s) => process.stdout.write(`${s}\n`) });
  process.exitCode = code !== 0 ? code : args.includes('--strict') && !passed ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
