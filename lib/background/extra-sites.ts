// Other chat sites a parent chose to monitor: the content script (with the generic adapter) is
// registered on exactly those the parent granted at run time, and unregistered when removed.
export interface ScriptingApi {
  registerContentScripts(scripts: {
    id: string;
    matches: string[];
    js: string[];
    runAt?: 'document_idle';
    persistAcrossSessions?: boolean;
  }[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string; matches?: string[] }[]>;
}

export interface PermissionsApi {
  getAll(): Promise<{ origins?: string[] }>;
}

export const EXTRA_SITES_SCRIPT_ID = 'chaperone-extra-sites';
export const CONTENT_SCRIPT_FILE = 'content-scripts/generic.js';

/** Registers the content script on the chosen sites that are granted; returns the patterns used. */
export async function syncExtraSites(
  wanted: readonly string[],
  scripting: ScriptingApi | undefined,
  permissions: PermissionsApi,
): Promise<string[]> {
  if (!scripting) return [];
  const granted = new Set((await permissions.getAll()).origins ?? []);
  const matches = [...new Set(wanted)].filter((p) => granted.has(p)).sort();
  const current = await scripting.getRegisteredContentScripts({ ids: [EXTRA_SITES_SCRIPT_ID] });
  const same = current.length === 1 && JSON.stringify([...(current[0]?.matches ?? [])].sort()) === JSON.stringify(matches);
  if (same) return matches;
  if (current.length) await scripting.unregisterContentScripts({ ids: [EXTRA_SITES_SCRIPT_ID] });
  if (matches.length) {
    await scripting.registerContentScripts([
      { id: EXTRA_SITES_SCRIPT_ID, matches, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  return matches;
}
