// The background worker's intake: every message is checked (sender, shape, size, rate) before
// anything is read or written, and every answer is a Response object, never a thrown error.
import {
  fail,
  ok,
  parseRequest,
  senderAllowed,
  conversationKey,
  type ErrorBody,
  type Request,
  type Response,
  type SenderInfo,
  type SignalResult,
} from '../messaging';
import { DEFAULT_BUDGET, enforceBudget, isQuotaError, pruneForQuota, withQuotaRetry, type Budget, type Estimate } from '../store/budget';
import { deleteAll } from '../store/clear';
import type { DB, EventRecord } from '../store/db';
import { Appender } from '../store/appender';
import { getConversationLevel, recentEvents } from '../store/events';
import { buildExport } from '../store/export';
import { logReport, type ReportResult } from '../store/report';
import { retentionCutoff } from '../store/retention';
import { storeStats } from '../store/stats';
import { weeklySummary } from '../store/summary';
import type { ExportFile, StoreStats, SummaryPair } from '../store/types';
import type { HelpInfo } from '@/components/nudge/types';
import { RateLimiter } from './rate-limit';
import { TabRegistry, type TabStatus } from './tabs';

export interface HandlerDeps {
  db: () => Promise<DB>;
  extensionId: string;
  extensionOrigin: string;
  tabs: TabRegistry;
  /** Opens an extension page in a new tab (the nudge's Report button asks for the report flow). */
  openPage?: (path: string) => Promise<void>;
  /** The helpline and trusted adult the nudge offers (from the hotline directory and settings). */
  helpInfo?: () => Promise<HelpInfo>;
  now?: () => number;
  /** Signals per tab: a burst of 60, then 5 a second. */
  perTab?: RateLimiter;
  /** Signals from all tabs together: a burst of 200, then 20 a second. */
  global?: RateLimiter;
  /** Level look-ups per tab: a burst of 120, then 10 a second. */
  perTabReads?: RateLimiter;
  /** The parent's retention (days); signals older than it are answered but not logged. */
  retentionDays?: () => Promise<number>;
  /** The extension's version, written into evidence exports. */
  version?: string;
  estimate?: Estimate;
  budget?: Budget;
  /** Check the storage budget after this many logged events. */
  budgetEvery?: number;
  /** A content script showed it is running (the heartbeat counts it as protection on). */
  onActivity?: () => void;
  log?: (what: string, e: unknown) => void;
}

export type Handler = ((msg: unknown, sender: SenderInfo) => Promise<Response<unknown>>) & {
  /** Resolves when the background work started by earlier messages (budget checks) is done. */
  idle(): Promise<void>;
};

const STORAGE_ERRORS = new Set([
  'QuotaExceededError',
  'UnknownError',
  'InvalidStateError',
  'VersionError',
  'AbortError',
  'TransactionInactiveError',
  'NotFoundError',
  'ReadOnlyError',
  'DataError',
  'ConstraintError',
]);

/** Turns anything thrown while serving a request into an error the pages can show. */
export function toErrorBody(e: unknown): ErrorBody {
  if (isQuotaError(e)) {
    return fail('storage', 'The disk is full, so Chaperone could not save this. Free some space on this computer.').error;
  }
  const err = e as { name?: unknown; message?: unknown } | null;
  const name = typeof err?.name === 'string' ? err.name : '';
  const message = typeof err?.message === 'string' && err.message !== '' ? err.message : String(e);
  if (STORAGE_ERRORS.has(name)) return fail('storage', `The local database failed (${name}): ${message}`).error;
  return fail('internal', message).error;
}

export function createHandler(deps: HandlerDeps): Handler {
  const now = deps.now ?? Date.now;
  const perTab = deps.perTab ?? new RateLimiter(60, 5);
  const global = deps.global ?? new RateLimiter(200, 20);
  const perTabReads = deps.perTabReads ?? new RateLimiter(120, 10);
  const budget = deps.budget ?? DEFAULT_BUDGET;
  const budgetEvery = deps.budgetEvery ?? 100;
  const log = deps.log ?? ((what, e) => console.warn(`Chaperone: ${what}`, e));
  // Signals that arrive while a write is in flight share the next transaction (group commit).
  const appender = new Appender(deps.db, { now });
  let sinceBudgetCheck = 0;
  let background: Promise<void> = Promise.resolve();

  function later(what: string, task: () => Promise<unknown>): void {
    background = background.then(task).then(
      () => undefined,
      (e: unknown) => log(what, e),
    );
  }

  // The setting is read at most every half minute: a flood must not cost a storage read per message.
  let retention: { days: Promise<number>; at: number } | null = null;
  async function minTs(): Promise<number | undefined> {
    if (!deps.retentionDays) return undefined;
    if (!retention || now() - retention.at > 30_000 || now() < retention.at) {
      retention = { days: deps.retentionDays(), at: now() };
    }
    try {
      return retentionCutoff(now(), await retention.days);
    } catch (e) {
      retention = null;
      log('could not read the retention setting', e);
      return undefined;
    }
  }

  async function dispatch(req: Request, sender: SenderInfo): Promise<Response<unknown>> {
    switch (req.type) {
      case 'ping':
        return ok('pong');
      case 'signal': {
        const tabId = sender.tab?.id ?? -1;
        deps.onActivity?.();
        if (!perTab.take(`tab:${tabId}`, now()) || !global.take('all', now())) {
          return fail('rate-limited', 'Too many messages from this tab; slow down.');
        }
        const res = await appender.append(req.signal, { minTs: await minTs() });
        if (res.logged && ++sinceBudgetCheck >= budgetEvery) {
          sinceBudgetCheck = 0;
          later('storage budget check failed', async () => enforceBudget(await deps.db(), budget, deps.estimate));
        }
        // The popup's view of this tab is a convenience: its failure must not turn a saved event into an error.
        await deps.tabs.note(tabId, res.conversation, res.level, req.signal).catch((e: unknown) => log('tab registry', e));
        return ok<SignalResult>(res);
      }
      case 'conversation-level': {
        if (!perTabReads.take(`tab:${sender.tab?.id ?? -1}`, now())) {
          return fail('rate-limited', 'Too many look-ups from this tab; slow down.');
        }
        const db = await deps.db();
        return ok(await getConversationLevel(db, conversationKey(req.site, req.thread, req.party), now()));
      }
      case 'open-report': {
        const tabId = sender.tab?.id ?? 0;
        const q = new URLSearchParams({ tab: String(tabId), conversation: req.conversation });
        await deps.openPage?.(`/popup.html?${q.toString()}#report`);
        return ok(true);
      }
      case 'help-info': {
        if (!deps.helpInfo) return fail('not-found', 'No help information here.');
        return ok(await deps.helpInfo());
      }
      case 'tab-status':
        return ok<TabStatus>(await deps.tabs.status(req.tabId));
      case 'recent-events': {
        const db = await deps.db();
        return ok<EventRecord[]>(await recentEvents(db, req.limit));
      }
      case 'log-report': {
        const db = await deps.db();
        const res = await withQuotaRetry(() => logReport(db, req.report, now()), () => pruneForQuota(db));
        return ok<ReportResult>(res);
      }
      case 'summary': {
        const db = await deps.db();
        return ok<SummaryPair>(await weeklySummary(db, req.now, { detailed: req.detailed }));
      }
      case 'export': {
        const db = await deps.db();
        const file = await buildExport(db, {
          format: req.format,
          conversation: req.conversation,
          now: now(),
          version: deps.version ?? '0.0.0',
        });
        return file ? ok<ExportFile>(file) : fail('not-found', 'No events were found for this conversation.');
      }
      case 'delete-all': {
        const db = await deps.db();
        const res = await deleteAll(db);
        appender.forget();
        sinceBudgetCheck = 0;
        await deps.tabs.clearAll();
        return ok(res);
      }
      case 'stats': {
        const db = await deps.db();
        let est: Awaited<ReturnType<Estimate>>;
        try {
          est = await deps.estimate?.();
        } catch {
          est = undefined;
        }
        return ok<StoreStats>(await storeStats(db, est));
      }
    }
  }

  const handle = (async (msg: unknown, sender: SenderInfo) => {
    const parsed = parseRequest(msg);
    if (!parsed.ok) return fail('bad-request', parsed.error);
    if (!senderAllowed(parsed.value.type, sender, deps.extensionId, deps.extensionOrigin)) {
      return fail('forbidden', `${parsed.value.type} is not accepted from this sender`);
    }
    try {
      return await dispatch(parsed.value, sender);
    } catch (e) {
      if (!isQuotaError(e)) log(`${parsed.value.type} failed`, e);
      return { ok: false, error: toErrorBody(e) };
    }
  }) as Handler;
  handle.idle = () => background;
  return handle;
}
