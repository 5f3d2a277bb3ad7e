import { describe, expect, it, vi } from 'vitest';
import { createConnection } from '@/lib/background/connection';
import type { DB, OpenOptions } from '@/lib/store/db';

function fakeDb(): DB {
  return { close: vi.fn() } as unknown as DB;
}

describe('createConnection', () => {
  it('opens once and shares the connection', async () => {
    const open = vi.fn(async () => fakeDb());
    const c = createConnection(open);
    const [a, b] = await Promise.all([c.get(), c.get()]);
    expect(a).toBe(b);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('closes and reopens when a newer version needs the database, or the browser dropped it', async () => {
    const opts: OpenOptions[] = [];
    const dbs = [fakeDb(), fakeDb(), fakeDb()];
    const open = vi.fn(async (o: OpenOptions) => {
      opts.push(o);
      return dbs[opts.length - 1]!;
    });
    const c = createConnection(open);
    const first = await c.get();
    opts[0]!.onBlocking!();
    await vi.waitFor(() => expect(first.close).toHaveBeenCalled());
    const second = await c.get();
    expect(second).toBe(dbs[1]);
    opts[1]!.onTerminated!();
    expect(await c.get()).toBe(dbs[2]);
  });

  it('tries again after a failed open', async () => {
    const open = vi.fn().mockRejectedValueOnce(new DOMException('no', 'UnknownError')).mockResolvedValueOnce(fakeDb());
    const c = createConnection(open);
    await expect(c.get()).rejects.toMatchObject({ name: 'UnknownError' });
    await expect(c.get()).resolves.toBeDefined();
    expect(open).toHaveBeenCalledTimes(2);
  });
});
