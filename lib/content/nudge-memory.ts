// Which nudges the child has already seen, so a conversation's nudge is not repeated at the same
// level after a reload. Kept in extension storage (the page cannot read it), bounded.
import type { Level } from '../detect';

export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = 'nudged';
const MAX = 500;

export class NudgeMemory {
  private seen = new Map<string, number>();

  constructor(private readonly area: KeyValueArea) {}

  async load(): Promise<void> {
    const got = (await this.area.get(KEY))[KEY];
    if (got && typeof got === 'object') {
      for (const [k, v] of Object.entries(got as Record<string, unknown>)) {
        if (typeof v === 'number') this.seen.set(k, v);
      }
    }
  }

  has(conversation: string, level: Level): boolean {
    return this.seen.has(`${conversation}#${level}`);
  }

  add(conversation: string, level: Level, now = Date.now()): void {
    this.seen.set(`${conversation}#${level}`, now);
    if (this.seen.size > MAX) {
      const oldest = [...this.seen.entries()].sort((a, b) => a[1] - b[1]).slice(0, this.seen.size - MAX);
      for (const [k] of oldest) this.seen.delete(k);
    }
    void this.area.set({ [KEY]: Object.fromEntries(this.seen) }).catch(() => undefined);
  }
}
