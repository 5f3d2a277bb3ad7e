// The shapes the pages read from the background: the contract between the store (which builds
// them), the dashboard, and the child's "what my parent can see" view (which show them).
import type { CategoryId, Level } from '../detect';

export interface DaySummary {
  /** Local day, YYYY-MM-DD. */
  day: string;
  total: number;
  byCategory: Partial<Record<CategoryId, number>>;
  byLevel: Partial<Record<Level, number>>;
}

export interface FlaggedConversation {
  conversation: string;
  site: string;
  party: string;
  level: 'warn' | 'alert';
  /** The categories seen in this conversation during the week, in taxonomy order. */
  categories: CategoryId[];
  /** First and last event (message or report) of this conversation within the week. */
  firstTs: number;
  lastTs: number;
  /** Whether a report was made from this conversation (this week, or before the week ended). */
  reported: boolean;
  /** Masked excerpts; filled only in the detailed privacy mode. */
  excerpts?: string[];
}

export interface OffPeriod {
  from: number;
  to: number;
}

export interface WeekSummary {
  /**
   * Start (inclusive) and end (exclusive) of the 7 local days, ms since epoch: the 7 calendar
   * days ending with today (today included) for `thisWeek`, the 7 before them for `lastWeek`.
   */
  from: number;
  to: number;
  /** The 7 days, oldest first, days without events included (total 0). */
  days: DaySummary[];
  byCategory: Partial<Record<CategoryId, number>>;
  byLevel: Partial<Record<Level, number>>;
  bySite: Record<string, number>;
  /** Flagged messages (reports are not messages: they are counted in `reports`). */
  total: number;
  reports: number;
  /** Conversations that reached warn or alert during the week; alert first, then the latest first. */
  conversations: FlaggedConversation[];
  /** Gaps of more than 30 minutes between heartbeats, clipped to the week. */
  offPeriods: OffPeriod[];
}

export interface SummaryPair {
  thisWeek: WeekSummary;
  lastWeek: WeekSummary;
}

export interface ExportFile {
  filename: string;
  mime: 'application/json' | 'text/csv';
  text: string;
}

/** The size of the store (the `stats` request). */
export interface StoreStats {
  events: number;
  conversations: number;
  oldestTs: number | null;
  newestTs: number | null;
  /** From navigator.storage.estimate(), where the browser gives it. */
  usageBytes?: number;
  quotaBytes?: number;
}
