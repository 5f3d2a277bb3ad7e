// What the popup needs from the outside world. The views stay free of storage and messaging;
// entrypoints/popup/deps.ts implements this against the extension, the tests against fakes.
import type { TabStatus } from '@/lib/background/tabs';
import type { ReportLog, Response } from '@/lib/messaging';
import type { RegionHints } from '@/lib/report/region';
import type { SettingKey, Settings } from '@/lib/settings/model';
import type { SummaryPair } from '@/lib/store/types';

export interface ActiveTab {
  id: number;
  /** '' when the browser does not tell (no activeTab grant, or not a web page). */
  url: string;
}

/** A report made a moment ago, so a popup reopened after the form tab took focus still shows the steps. */
export interface RecentReport {
  ts: number;
  text: string;
  hotline: string;
  copied: boolean;
}

/** How the popup was opened: from the toolbar, or as a page from a nudge's report button. */
export interface Launch {
  /** The conversation the nudge was about: shown and reported first. */
  conversation: string | null;
  /** The child already chose to report: the report button takes the focus. */
  report: boolean;
}

export interface PopupDeps {
  launch: Launch;
  /** The settings in force, and which of them a school's or NGO's policy locks. */
  settings(): Promise<{ settings: Settings; locked: SettingKey[] }>;
  saveRegion(region: string): Promise<void>;
  /** The tab the popup was opened over, or the one a nudge named. */
  activeTab(): Promise<ActiveTab | null>;
  tabStatus(tabId: number): Promise<Response<TabStatus>>;
  summary(detailed: boolean): Promise<Response<SummaryPair>>;
  logReport(report: ReportLog): Promise<Response<unknown>>;
  /** Rejects when the browser refuses. Must be the first await after the click. */
  copy(text: string): Promise<void>;
  openTab(url: string): Promise<void>;
  recentReport(): Promise<RecentReport | null>;
  rememberReport(r: RecentReport): Promise<void>;
  /** The browser's time zone and language. */
  hints(): Required<RegionHints>;
  now(): number;
}

/** Something loading from the background: a view shows each state. */
export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; message: string };
