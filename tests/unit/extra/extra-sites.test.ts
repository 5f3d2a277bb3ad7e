import { describe, expect, it } from 'vitest';
import { EXTRA_SITES_SCRIPT_ID, syncExtraSites, type ScriptingApi } from '@/lib/background/extra-sites';

function fakeScripting() {
  let registered: { id: string; matches: string[]; js: string[] }[] = [];
  const calls: string[] = [];
  const api: ScriptingApi = {
    async registerContentScripts(s) {
      calls.push('register');
      registered.push(...s.map((x) => ({ id: x.id, matches: x.matches, js: x.js })));
    },
    async unregisterContentScripts(f) {
      calls.push('unregister');
      registered = registered.filter((r) => !f?.ids?.includes(r.id));
    },
    async getRegisteredContentScripts(f) {
      return registered.filter((r) => !f?.ids || f.ids.includes(r.id));
    },
  };
  return { api, calls, get registered() {
    return registered;
  } };
}

const perms = (origins: string[]) => ({ getAll: async () => ({ origins }) });

describe('syncExtraSites', () => {
  it('registers the content script only on the chosen sites that were granted', async () => {
    const s = fakeScripting();
    const used = await syncExtraSites(['https://a.example/*', 'https://b.example/*'], s.api, perms(['https://a.example/*']));
    expect(used).toEqual(['https://a.example/*']);
    expect(s.registered).toEqual([{ id: EXTRA_SITES_SCRIPT_ID, matches: ['https://a.example/*'], js: ['content-scripts/generic.js'] }]);
  });

  it('does nothing when the registration is already right', async () => {
    const s = fakeScripting();
    await syncExtraSites(['https://a.example/*'], s.api, perms(['https://a.example/*']));
    await syncExtraSites(['https://a.example/*'], s.api, perms(['https://a.example/*']));
    expect(s.calls).toEqual(['register']);
  });

  it('unregisters when the parent removes every site', async () => {
    const s = fakeScripting();
    await syncExtraSites(['https://a.example/*'], s.api, perms(['https://a.example/*']));
    await syncExtraSites([], s.api, perms(['https://a.example/*']));
    expect(s.registered).toEqual([]);
    expect(s.calls).toEqual(['register', 'unregister']);
  });

  it('is a no-op where the scripting API is missing', async () => {
    expect(await syncExtraSites(['https://a.example/*'], undefined, perms(['https://a.example/*']))).toEqual([]);
  });
});
