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
  categories: CategoryId[];
  firstTs: number;
  lastTs: number;
  /** Whether a report was made from this conversation. */
  reported: boolean;
  /** Masked excerpts; filled only in the detailed privacy mode. */
  excerpts?: string[];
}

export interface OffPeriod {
  from: number;
  to: number;
}

export interface WeekSummary {
  /** Start (inclusive) and end (exclusive) of the 7 local days, ms since epoch. */
  from: number;
  to: number;
  days: DaySummary[];
  byCategory: Partial<Record<CategoryId, number>>;
  byLevel: Partial<Record<Level, number>>;
  bySite: Record<string, number>;
  total: number;
  reports: number;
  conversations: FlaggedConversation[];
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
