import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import type { Direction, SiteId } from '../../../lib/sites/types';

export interface FixtureMessage {
  dir: Direction;
  text: string;
  sender?: string;
  id?: string;
  time?: number;
}

/** The test hook every fixture page exposes as window.chatFixture. */
export interface ChatFixture {
  add(dir: Direction, text: string, opts?: Omit<FixtureMessage, 'dir' | 'text'>): Element;
  addMany(list: FixtureMessage[]): Element[];
  switchThread(threadId: string, partyName: string): void;
  composer(): HTMLElement | null;
}

export interface FixtureEntry {
  id: SiteId;
  host: string;
  path: string;
  file: string;
}

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/sites');

export const manifest: FixtureEntry[] = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as FixtureEntry[];

export function fixtureHtml(id: SiteId): string {
  const entry = manifest.find((e) => e.id === id);
  if (!entry) throw new Error(`no fixture ${id}`);
  return readFileSync(join(DIR, entry.file), 'utf8');
}

export interface LoadedFixture {
  doc: Document;
  url(): URL;
  hook: ChatFixture;
  close(): Promise<void>;
}

/**
 * Loads a fixture page at the host and path it is served at in e2e, running its inline hook script,
 * in a window of its own so pushState and getComputedStyle behave as on the real page.
 */
export function loadFixture(id: SiteId, transform: (html: string) => string = (h) => h): LoadedFixture {
  const entry = manifest.find((e) => e.id === id);
  if (!entry) throw new Error(`no fixture ${id}`);
  const window = new Window({
    url: `https://${entry.host}${entry.path}`,
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  window.document.write(transform(fixtureHtml(id)));
  const hook = (window as unknown as { chatFixture?: ChatFixture }).chatFixture;
  if (!hook) throw new Error(`fixture ${id} did not install window.chatFixture`);
  return {
    doc: window.document as unknown as Document,
    url: () => new URL(window.location.href),
    hook,
    close: () => window.happyDOM.close(),
  };
}
