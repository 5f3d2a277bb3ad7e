// What the dashboard needs from the outside world. The views stay free of storage and messaging;
// entrypoints/dashboard/services.ts implements this against the extension, tests against fakes.
import type { Settings, SettingKey } from '@/lib/settings/model';
import type { PinStatus, UnlockResult } from '@/lib/pin/pinGuard';
import type { StoreStats, SummaryPair } from '@/lib/store/types';

export type FailCode =
  | 'locked' // the unlocked state expired: ask for the PIN again
  | 'wrong-pin'
  | 'lockout'
  | 'managed'
  | 'too-short'
  | 'too-long'
  | 'mismatch'
  | 'permission'
  | 'background';

export type Outcome = { ok: true; warning?: 'permission' } | { ok: false; code: FailCode; message?: string };

export type Loaded<T> = { ok: true; data: T } | { ok: false; code: FailCode; message?: string };

export interface BootState {
  settings: Settings;
  locked: SettingKey[];
  pin: PinStatus;
}

export interface DashboardServices {
  load(): Promise<BootState>;
  /** Settings changed elsewhere (another tab, a new policy). Returns an unsubscribe. */
  watch?(cb: (s: { settings: Settings; locked: SettingKey[] }) => void): () => void;
  unlock(pin: string): Promise<UnlockResult>;
  isUnlocked(): Promise<boolean>;
  /** Marks activity, pushing back the idle timeout. */
  touch(): Promise<void>;
  lock(): Promise<void>;
  /** Saves the first-run choices and sets the PIN (null when the policy provides it). */
  completeSetup(settings: Settings, pin: string | null): Promise<Outcome>;
  /**
   * Saves settings. Sites in `settings.extraSites` not granted yet are asked for first (this must
   * run straight from the click, before any other await, or the browser refuses to ask).
   */
  saveSettings(settings: Settings, previous: Settings): Promise<Outcome>;
  changePin(current: string, next: string): Promise<Outcome>;
  summary(detailed: boolean): Promise<Loaded<SummaryPair>>;
  /** Fetches the export from the background and downloads it. */
  exportData(format: 'json' | 'csv'): Promise<Outcome>;
  /** Checks the PIN again, then deletes every event. */
  deleteAll(pin: string): Promise<Outcome>;
  /** How much the store holds, shown on the data page. */
  stats(): Promise<Loaded<StoreStats>>;
}
