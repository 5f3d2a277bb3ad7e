// The background worker's intake: every message is checked (sender, shape, size, rate) before
// anything is read or written, and every answer is a Response object, never a thrown error.
import {
  fail,
  ok,
  parseRequest,
  senderAllowed,
  conversationKey,
  type Request,
  type Response,
  type SenderInfo,
  type SignalResult,
} from '../messaging';
import type { DB, EventRecord } from '../store/db';
import { appendSignal, getConversationLevel, recentEvents } from '../store/events';
import { RateLimiter } from './rate-limit';
import { TabRegistry, type TabStatus } from './tabs';

export interface HandlerDeps {
  db: () => Promise<DB>;
  extensionId: string;
  extensionOrigin: string;
  tabs: TabRegistry;
  /** Opens an extension page in a new tab (the nudge's Report button asks for the report flow). */
  openPage?: (path: string) => Promise<void>;
  now?: () => number;
  /** Per tab: a burst of 60 signals, then 5 a second. */
  perTab?: RateLimiter;
  /** All tabs together: a burst of 200, then 20 a second. */
  global?: RateLimiter;
}

export type Handler = (msg: unknown, sender: SenderInfo) => Promise<Response<unknown>>;

export function createHandler(deps: HandlerDeps): Handler {
  const now = deps.now ?? Date.now;
  const perTab = deps.perTab ?? new RateLimiter(60, 5);
  const global = deps.global ?? new RateLimiter(200, 20);

  async function dispatch(req: Request, sender: SenderInfo): Promise<Response<unknown>> {
    switch (req.type) {
      case 'ping':
        return ok('pong');
      case 'signal': {
        const tabId = sender.tab?.id ?? -1;
        if (!perTab.take(`tab:${tabId}`, now()) || !global.take('all', now())) {
          return fail('rate-limited', 'Too many messages from this tab; slow down.');
        }
        const db = await deps.db();
        const res = await appendSignal(db, req.signal, now());
        await deps.tabs.note(tabId, res.conversation, res.level, req.signal);
        return ok<SignalResult>(res);
      }
      case 'conversation-level': {
        const db = await deps.db();
        return ok(await getConversationLevel(db, conversationKey(req.site, req.thread, req.party), now()));
      }
      case 'open-report': {
        const tabId = sender.tab?.id ?? 0;
        const q = new URLSearchParams({ tab: String(tabId), conversation: req.conversation });
        await deps.openPage?.(`/popup.html?${q.toString()}#report`);
        return ok(true);
      }
      case 'tab-status':
        return ok<TabStatus>(await deps.tabs.status(req.tabId));
      case 'recent-events': {
        const db = await deps.db();
        return ok<EventRecord[]>(await recentEvents(db, req.limit));
      }
    }
  }

  return async (msg, sender) => {
    const parsed = parseRequest(msg);
    if (!parsed.ok) return fail('bad-request', parsed.error);
    if (!senderAllowed(parsed.value.type, sender, deps.extensionId, deps.extensionOrigin)) {
      return fail('forbidden', `${parsed.value.type} is not accepted from this sender`);
    }
    try {
      return await dispatch(parsed.value, sender);
    } catch (e) {
      const err = e as DOMException;
      if (err?.name === 'QuotaExceededError') return fail('storage', 'The disk is full; the event was not saved.');
      return fail('internal', err?.message ?? String(e));
    }
  };
}
