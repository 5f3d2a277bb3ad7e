import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/store/db';
import { bulkLoad } from '@/lib/store/bulk';
import { appendSignal } from '@/lib/store/events';
import { CSV_COLUMNS, buildExport } from '@/lib/store/export';
import { canonicalJson, sha256Hex, verifyExport, type EvidenceDoc } from '@/lib/store/hash-chain';
import { logReport } from '@/lib/store/report';
import { HOUR, NOW, ev, freshDb, sig } from './helpers';

let db: DB;
beforeEach(async () => {
  db = await freshDb();
  await appendSignal(db, sig({ party: 'Dara', key: 'k1', ts: NOW - 3 * HOUR, categories: ['image_request'], excerpt: 'send me a pic' }), NOW);
  await appendSignal(db, sig({ party: 'Dara', key: 'k2', ts: NOW - 2 * HOUR, categories: ['secrecy'], excerpt: "don't tell ស្រី 😀" }), NOW);
  await appendSignal(db, sig({ party: 'Sok', key: 'k3', ts: NOW - 2 * HOUR, categories: ['age_probe'], excerpt: '=HYPERLINK("http://evil")' }), NOW);
  await logReport(db, { site: 'discord.com', thread: '/channels/@me/1', party: 'Dara', url: 'https://discord.com/channels/@me/1', hotline: 'kh-apleu', ts: NOW - HOUR }, NOW);
});

const DARA = 'discord.com|/channels/@me/1|Dara';

async function jsonExport(conversation: string | null = null): Promise<EvidenceDoc> {
  const file = await buildExport(db, { format: 'json', conversation, now: NOW, version: '1.2.3', timeZone: 'Asia/Phnom_Penh' });
  expect(file?.mime).toBe('application/json');
  return JSON.parse(file!.text) as EvidenceDoc;
}

describe('canonicalJson', () => {
  it('matches Python json.dumps(sort_keys=True, separators=(",",":"), ensure_ascii=True)', async () => {
    const o = { b: 'ស្រលាញ់ 😀 "q" \\ \n\t\u0001\u007f/', a: [1, null, true, { z: 0, y: -5 }], ts: 1741852800000 };
    const c = canonicalJson(o);
    expect(c).toBe(
      '{"a":[1,null,true,{"y":-5,"z":0}],"b":"\\u179f\\u17d2\\u179a\\u179b\\u17b6\\u1789\\u17cb \\ud83d\\ude00 \\"q\\" \\\\ \\n\\t\\u0001\\u007f/","ts":1741852800000}',
    );
    // The same vector through Python's hashlib, as docs/evidence-export.md does it.
    expect(await sha256Hex('0'.repeat(64) + c)).toBe('bf1dee2167a55d25db9360efd6f07f48cb807721abacecfe17b2b3668f35e78b');
  });

  it.each([[1.5], [Number.NaN], [2 ** 60]])('refuses the number %s, which languages print differently', (n) => {
    expect(() => canonicalJson({ n })).toThrow(/integers/);
  });
});

describe('JSON evidence export', () => {
  it('has a header with time, version, algorithm and final hash, and every event in order', async () => {
    const doc = await jsonExport();
    expect(doc.header).toMatchObject({
      format: 'chaperone-evidence',
      formatVersion: 1,
      exportedAt: new Date(NOW).toISOString(),
      exportedAtMs: NOW,
      timeZone: 'Asia/Phnom_Penh',
      extension: { name: 'Chaperone', version: '1.2.3' },
      scope: { conversation: null },
      eventCount: 4,
      chain: { algorithm: 'SHA-256' },
    });
    expect(doc.header.finalHash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.events.at(-1)?.hash).toBe(doc.header.finalHash);
    expect(doc.events.map((e) => e.event.kind)).toEqual(['message', 'message', 'message', 'report']);
    expect(doc.events[3]?.event).toMatchObject({ hotline: 'kh-apleu', categories: [], excerpt: '' });
    expect(doc.events[0]?.event.time).toBe(new Date(NOW - 3 * HOUR).toISOString());
  });

  it('verifies', async () => {
    const doc = await jsonExport();
    await expect(verifyExport(JSON.stringify(doc))).resolves.toEqual({
      ok: true,
      events: 4,
      finalHash: doc.header.finalHash,
      exportedAt: doc.header.exportedAt,
    });
  });

  it('exports one conversation alone, or says it has none', async () => {
    const doc = await jsonExport(DARA);
    expect(doc.events.map((e) => e.event.party)).toEqual(['Dara', 'Dara', 'Dara']);
    expect(doc.header.scope).toEqual({ conversation: DARA });
    expect((await verifyExport(doc)).ok).toBe(true);
    expect(await buildExport(db, { format: 'json', conversation: 'nobody|x|y', now: NOW, version: '1' })).toBeNull();
  });

  it('exports an empty log as a valid, empty chain', async () => {
    const empty = await freshDb();
    const file = await buildExport(empty, { format: 'json', conversation: null, now: NOW, version: '1' });
    const res = await verifyExport(file!.text);
    expect(res).toMatchObject({ ok: true, events: 0 });
  });

  it('keeps text, names, times and URLs only', async () => {
    const doc = await jsonExport();
    const keys = new Set(doc.events.flatMap((e) => Object.keys(e.event)));
    expect([...keys].sort()).toEqual(
      ['categories', 'conversation', 'dir', 'excerpt', 'hotline', 'id', 'kind', 'level', 'party', 'site', 'thread', 'time', 'ts', 'url'].sort(),
    );
  });
});

describe('verifyExport detects tampering', () => {
  type Tamper = (d: EvidenceDoc) => void;
  it.each<[string, Tamper, RegExp, number | undefined]>([
    ['an altered excerpt', (d) => (d.events[1]!.event.excerpt = 'nothing to see'), /event 1 .*does not match/, 1],
    ['an altered time', (d) => (d.events[0]!.event.ts += 1000), /event 0/, 0],
    ['a lowered level', (d) => (d.events[2]!.event.level = 'none'), /event 2/, 2],
    ['two events swapped', (d) => d.events.splice(0, 2, d.events[1]!, d.events[0]!), /event 0/, 0],
    ['an event deleted from the middle', (d) => d.events.splice(1, 1), /event 1/, 1],
    ['the last event deleted', (d) => d.events.pop(), /header says 4 events/, undefined],
    ['the last event deleted and the header patched', (d) => {
      d.events.pop();
      d.header.eventCount = 3;
      d.header.finalHash = d.events[2]!.hash;
    }, /event 0/, 0],
    ['an event added', (d) => d.events.push({ ...d.events[0]! }), /event 4/, 4],
    ['the export time changed', (d) => (d.header.exportedAt = '2020-01-01T00:00:00.000Z'), /event 0/, 0],
    ['the final hash replaced', (d) => (d.header.finalHash = '0'.repeat(64)), /final hash/, undefined],
  ])('%s', async (_name, tamper, error, index) => {
    const doc = await jsonExport();
    tamper(doc);
    const res = await verifyExport(JSON.stringify(doc));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error).toMatch(error);
      expect(res.index).toBe(index);
    }
  });

  it.each([
    ['not JSON', '{"header":', /not a JSON file/],
    ['another JSON file', '{"hello":1}', /not a Chaperone evidence file/],
    ['another format', JSON.stringify({ header: { format: 'x' }, events: [] }), /unknown format/],
    ['another algorithm', JSON.stringify({ header: { format: 'chaperone-evidence', formatVersion: 1, chain: { algorithm: 'MD5' }, finalHash: '' }, events: [] }), /algorithm/],
  ])('refuses %s with a clear error', async (_name, text, error) => {
    const res = await verifyExport(text);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(error);
  });
});

describe('CSV export', () => {
  it('has a header, one row per event, a BOM and CRLF line ends', async () => {
    const file = await buildExport(db, { format: 'csv', conversation: null, now: NOW, version: '1' });
    expect(file?.mime).toBe('text/csv');
    expect(file?.filename).toMatch(/^chaperone-log-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const text = file!.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(6); // header, 4 events, final empty line
    expect(text).toContain("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(text).toContain("don't tell ស្រី 😀");
  });

  it('names a conversation file by site, never by the other party', async () => {
    await bulkLoad(db, [ev({ id: 'z', ts: NOW, site: 'web.whatsapp.com', conversation: 'web.whatsapp.com|t|Secret Name', party: 'Secret Name' })]);
    const file = await buildExport(db, { format: 'csv', conversation: 'web.whatsapp.com|t|Secret Name', now: NOW, version: '1' });
    expect(file?.filename).toMatch(/^chaperone-conversation-web-whatsapp-com-/);
    expect(file?.filename).not.toMatch(/secret/i);
  });
});
