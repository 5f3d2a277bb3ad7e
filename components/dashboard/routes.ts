// Hash routes of the dashboard (#/setup, #/unlock, #/summary, #/settings, #/data) and the rule
// that decides which one may show: set-up first, then the PIN, then the page asked for.
export const ROUTES = ['setup', 'unlock', 'summary', 'settings', 'data'] as const;
export type Route = (typeof ROUTES)[number];

export function parseRoute(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : null;
}

export interface Gate {
  hasPin: boolean;
  setupDone: boolean;
  unlocked: boolean;
}

export function resolveRoute(asked: Route | null, gate: Gate): Route {
  if (!gate.hasPin) return 'setup';
  if (!gate.unlocked) return 'unlock';
  if (!gate.setupDone) return 'setup';
  if (asked === null || asked === 'setup' || asked === 'unlock') return 'summary';
  return asked;
}
