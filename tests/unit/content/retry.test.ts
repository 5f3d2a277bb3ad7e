import { describe, expect, it } from 'vitest';
import { fail, ok, type Response } from '@/lib/messaging';
import { RetryingSender } from '@/lib/content/retry';

const noSleep = { sleep: async () => undefined };

function scripted(answers: Response<string>[]) {
  const sent: number[] = [];
  return {
    sent,
    send: async (s: number) => {
      sent.push(s);
      return answers.shift() ?? ok('saved');
    },
  };
}

describe('RetryingSender', () => {
  it('tries again after a worker restart or a rate limit until the signal is saved', async () => {
    const s = scripted([fail('internal', 'Could not establish connection'), fail('rate-limited', 'slow down')]);
    const r = new RetryingSender(s.send, noSleep);
    expect(await r.submit(7)).toEqual(ok('saved'));
    expect(s.sent).toEqual([7, 7, 7]);
  });

  it('does not retry what can never succeed', async () => {
    const s = scripted([fail('bad-request', 'no'), fail('forbidden', 'no')]);
    const r = new RetryingSender(s.send, noSleep);
    expect((await r.submit(1)).ok).toBe(false);
    expect((await r.submit(2)).ok).toBe(false);
    expect(s.sent).toEqual([1, 2]);
  });

  it('gives up after its last pause and counts the loss', async () => {
    const s = { send: async () => fail('rate-limited', 'slow down') as Response<string> };
    const pauses: number[] = [];
    const r = new RetryingSender(s.send, { sleep: async (ms) => void pauses.push(ms), delays: [10, 20] });
    expect((await r.submit(1)).ok).toBe(false);
    expect(pauses).toEqual([10, 20]);
    expect(r.dropped).toBe(1);
  });

  it('holds a bounded backlog under a flood', async () => {
    let release!: () => void;
    const gate = new Promise<void>((res) => (release = res));
    const s = { send: async () => fail('rate-limited', 'slow down') as Response<string> };
    const r = new RetryingSender(s.send, { sleep: () => gate, delays: [1], maxWaiting: 3 });
    const all = Array.from({ length: 10 }, (_, i) => r.submit(i));
    await new Promise((res) => setTimeout(res, 0));
    expect(r.dropped).toBe(7);
    release();
    await Promise.all(all);
    expect(r.dropped).toBe(10);
  });
});
