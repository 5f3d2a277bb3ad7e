// The test hook every fixture page exposes (tests/fixtures/sites/*.html).
declare global {
  interface Window {
    chatFixture: {
      add(dir: 'in' | 'out', text: string, opts?: { sender?: string; id?: string; time?: number }): Element;
      addMany(list: { dir: 'in' | 'out'; text: string }[]): void;
      switchThread(threadId: string, partyName: string): void;
      composer(): HTMLElement;
    };
  }
}

export {};
