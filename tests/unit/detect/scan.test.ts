// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScan } from '../../../scripts/scan';
import { parseCorpusLine } from '../../../lib/detect/corpus';

const dir = mkdtempSync(join(tmpdir(), 'chaperone-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scan(lines: string[]): { out: string[]; err: string[]; code: number } {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const out: string[] = [];
  const err: string[] = [];
  const code = runScan(file, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { out, err, code };
}

describe('scanner contract', () => {
  it('writes one JSON line per message, in input order, with conversation levels in seq order', () => {
    const { out, err, code } = scan([
      JSON.stringify({ id: 'a2', text: 'send me a pic of u', dir: 'in', conv: 'c1', seq: 2 }),
      JSON.stringify({ id: 'a1', text: 'how old r u', dir: 'in', conv: 'c1', seq: 1 }),
      JSON.stringify({ conv: 'c1', expect: 'alert', by_seq: 2 }),
      '{"id": "bad", "text": ',
      JSON.stringify({ id: 7, text: 'my number is 012 345 678', dir: 'out' }),
      JSON.stringify({ id: 'b1', text: 'hello', dir: 'in' }),
      '',
    ]);
    expect(code).toBe(0);
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { id: 'a2', labels: ['image_request'], level: 'warn' },
      { id: 'a1', labels: ['age_probe'], level: 'watch' },
      { id: 7, labels: ['share_personal_info'], level: 'watch' },
      { id: 'b1', labels: [], level: 'none' },
    ]);
    expect(out[0]).toBe('{"id":"a2","labels":["image_request"],"level":"warn"}');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/:4: skipped, not valid JSON/);
  });

  it('reports a line that is not a message by its number and goes on', () => {
    const { out, err } = scan(['[1,2]', JSON.stringify({ text: 'no id' }), JSON.stringify({ id: 'x', text: 'hi', dir: 'sideways' }), JSON.stringify({ id: 'y', text: 'hi' })]);
    expect(err.map((e) => e.replace(/^.*:(\d+): .*$/, '$1'))).toEqual(['1', '2', '3']);
    expect(out).toEqual(['{"id":"y","labels":[],"level":"none"}']);
  });

  it('fails when the file cannot be read', () => {
    const err: string[] = [];
    expect(runScan(join(dir, 'missing.jsonl'), { out: () => undefined, err: (l) => err.push(l) })).not.toBe(0);
    expect(err[0]).toMatch(/cannot read/);
  });

  it('parses expect lines and labels', () => {
    expect(parseCorpusLine('{"conv":"c","expect":"warn","by_seq":3}', 1)).toEqual({ kind: 'expect', expect: { line: 1, conv: 'c', expect: 'warn', bySeq: 3 } });
    expect(parseCorpusLine('{"conv":"c","expect":"loud"}', 2).kind).toBe('error');
    const m = parseCorpusLine('{"id":"d","text":"x","labels":["secrecy","nope"],"lang":"km"}', 3);
    expect(m.kind === 'message' && m.message.labels).toEqual(['secrecy']);
  });
});
