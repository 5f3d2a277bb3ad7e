// The parent dashboard: hash routes, the PIN gate and idle lock, and the pages. Everything it
// reads or changes goes through `services`, so this file holds no storage or messaging itself.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { langFromTag, translator, type Lang } from '@/lib/i18n';
import '@/lib/i18n/catalogues/dashboard';
import { pinProblem } from '@/lib/pin/pinHash';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/model';
import type { StoreStats, SummaryPair } from '@/lib/store/types';
import type { BootState, DashboardServices, Loaded, Outcome } from './services';
import { parseRoute, resolveRoute, type Route } from './routes';
import { errorText } from './errorText';
import { Nav } from './Nav';
import { SetupView } from './SetupView';
import { UnlockView, type UnlockNotice } from './UnlockView';
import { SummaryView } from './SummaryView';
import { SettingsView, type SaveState } from './SettingsView';
import { DataView } from './DataView';

export interface DashboardAppProps {
  services: DashboardServices;
  clock?: () => number;
  /** How often the idle lock is checked. */
  idleCheckMs?: number;
}

const TOUCH_EVERY_MS = 15_000;
/** Reading a long summary (scrolling, moving the mouse) is use too, not only clicks and keys. */
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const IDLE: SaveState = { kind: 'idle' };

export function pageLang(setting: Settings['language']): Lang {
  return setting === 'auto' ? langFromTag(navigator.language) : setting;
}

export function DashboardApp({ services, clock = Date.now, idleCheckMs = 15_000 }: DashboardAppProps) {
  const [boot, setBoot] = useState<BootState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [asked, setAsked] = useState<Route | null>(() => parseRoute(location.hash));
  const [returnTo, setReturnTo] = useState<Route | null>(null);
  const [setupLang, setSetupLang] = useState<Settings['language'] | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<UnlockNotice>(null);
  const [summary, setSummary] = useState<Loaded<SummaryPair> | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [settingsKey, setSettingsKey] = useState(0);
  const [save, setSave] = useState<SaveState>(IDLE);
  const [pinSave, setPinSave] = useState<SaveState>(IDLE);
  const [exportState, setExportState] = useState<SaveState>(IDLE);
  const [deleteState, setDeleteState] = useState<SaveState>(IDLE);
  const [stats, setStats] = useState<StoreStats | null>(null);

  const settings = boot?.settings ?? DEFAULT_SETTINGS;
  const lang = pageLang(setupLang ?? settings.language);
  const t = useMemo(() => translator(lang), [lang]);
  const unlocked = boot?.pin.unlocked ?? false;

  // The state changes with the address in the same render, so no stale route redirects in between.
  const go = (r: Route) => {
    setAsked(r);
    if (location.hash !== `#/${r}`) location.hash = `#/${r}`;
  };

  const reload = useCallback(async () => {
    try {
      setBoot(await services.load());
      setLoadError(null);
    } catch (e) {
      setLoadError((e as Error)?.message ?? String(e));
    }
  }, [services]);

  const setUnlocked = (value: boolean, why: UnlockNotice = null) => {
    setBoot((b) => b && { ...b, pin: { ...b.pin, unlocked: value } });
    if (!value) setNotice(why);
  };

  /** A guarded action found the session over: ask for the PIN, then come back here. */
  const sessionEnded = (r: Outcome | Loaded<unknown>): boolean => {
    if (r.ok || r.code !== 'locked') return false;
    setUnlocked(false, 'idle');
    return true;
  };

  useEffect(() => void reload(), [reload]);
  useEffect(() => services.watch?.((s) => setBoot((b) => b && { ...b, ...s })), [services]);
  useEffect(() => {
    const onHash = () => setAsked(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('dashboard.pageTitle');
  }, [lang, t]);

  const route = boot ? resolveRoute(asked, { hasPin: boot.pin.hasPin, setupDone: boot.settings.setupDone, unlocked }) : null;

  // Keep the address in step with what is shown (before paint, so no other page flashes),
  // remembering where the parent wanted to go.
  useLayoutEffect(() => {
    if (!route || asked === route) return;
    if (route === 'unlock' && asked && asked !== 'setup' && asked !== 'unlock') setReturnTo(asked);
    history.replaceState(null, '', `#/${route}`);
    setAsked(route);
  }, [route, asked]);

  // The idle lock: activity pushes it back; a timer notices when it has passed.
  useEffect(() => {
    if (!unlocked) return;
    let lastTouch = clock();
    const onActivity = () => {
      const now = clock();
      if (now - lastTouch < TOUCH_EVERY_MS) return;
      lastTouch = now;
      void services.touch();
    };
    const check = async () => {
      if (!(await services.isUnlocked())) setUnlocked(false, 'idle');
    };
    const id = setInterval(() => void check(), idleCheckMs);
    const onVisible = () => document.visibilityState === 'visible' && void check();
    for (const type of ACTIVITY) document.addEventListener(type, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(id);
      for (const type of ACTIVITY) document.removeEventListener(type, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [unlocked, services, clock, idleCheckMs]);

  const detailed = settings.privacyMode === 'detailed';
  const loadSummary = useCallback(async () => {
    setSummary(null);
    const r = await services.summary(detailed);
    if (!sessionEnded(r)) setSummary(r);
  }, [services, detailed]);
  useEffect(() => {
    if (route === 'summary') void loadSummary();
  }, [route, loadSummary]);

  const loadStats = useCallback(async () => {
    const r = await services.stats();
    setStats(r.ok ? r.data : null);
  }, [services]);
  useEffect(() => {
    if (route === 'data') void loadStats();
  }, [route, loadStats]);

  // Messages from one page do not follow the parent to another.
  useEffect(() => {
    setFormError(null);
    setSave(IDLE);
    setPinSave(IDLE);
    setExportState(IDLE);
    setDeleteState(IDLE);
  }, [route]);

  async function submitUnlock(pin: string) {
    setBusy(true);
    const r = await services.unlock(pin);
    setBusy(false);
    if (r.ok) {
      setFormError(null);
      setNotice(null);
      setBoot((b) => b && { ...b, pin: { ...b.pin, unlocked: true, failures: 0, lockedUntil: 0 } });
      go(returnTo ?? 'summary');
      setReturnTo(null);
      return;
    }
    if (r.reason === 'no-pin') return void reload();
    setBoot((b) => b && { ...b, pin: { ...b.pin, lockedUntil: r.lockedUntil } });
    if (r.reason === 'wrong') {
      setFormError(
        r.triesLeft > 0 ? t('dashboard.unlock.wrongTries', { n: r.triesLeft }) : t('dashboard.unlock.wrong'),
      );
    }
  }

  async function submitSetup(next: Settings, pin: string | null, confirm: string | null) {
    if (pin !== null) {
      if (pin !== confirm) return setFormError(errorText(t, 'mismatch'));
      const problem = pinProblem(pin);
      if (problem) return setFormError(errorText(t, problem));
    }
    setBusy(true);
    setFormError(null);
    const r = await services.completeSetup(next, pin);
    setBusy(false);
    if (!r.ok) {
      if (!sessionEnded(r)) setFormError(errorText(t, r.code, r.message));
      return;
    }
    setSetupLang(null);
    await reload();
    go('summary');
  }

  function submitSettings(next: Settings) {
    if (!boot) return;
    setSave({ kind: 'busy' });
    // Called straight from the submit event: the browser only shows its permission prompt then.
    void services.saveSettings(next, boot.settings).then(async (r) => {
      if (!r.ok) {
        if (sessionEnded(r)) setDraft(next);
        setSave(r.code === 'locked' ? IDLE : { kind: 'error', message: errorText(t, r.code, r.message) });
        return;
      }
      setDraft(null);
      await reload();
      setSettingsKey((k) => k + 1);
      setSave({ kind: 'saved', note: r.warning ? errorText(t, r.warning) : undefined });
    });
  }

  async function submitPinChange(current: string, next: string, confirm: string) {
    if (next !== confirm) return setPinSave({ kind: 'error', message: errorText(t, 'mismatch') });
    const problem = pinProblem(next);
    if (problem) return setPinSave({ kind: 'error', message: errorText(t, problem) });
    setPinSave({ kind: 'busy' });
    const r = await services.changePin(current, next);
    if (!r.ok && sessionEnded(r)) return setPinSave(IDLE);
    setPinSave(r.ok ? { kind: 'saved' } : { kind: 'error', message: errorText(t, r.code, r.message) });
  }

  async function runExport(format: 'json' | 'csv') {
    setExportState({ kind: 'busy' });
    const r = await services.exportData(format);
    if (!r.ok && sessionEnded(r)) return setExportState(IDLE);
    setExportState(r.ok ? { kind: 'saved' } : { kind: 'error', message: errorText(t, r.code, r.message) });
  }

  async function runDelete(pin: string) {
    setDeleteState({ kind: 'busy' });
    const r = await services.deleteAll(pin);
    if (!r.ok && sessionEnded(r)) return setDeleteState(IDLE);
    setDeleteState(r.ok ? { kind: 'saved' } : { kind: 'error', message: errorText(t, r.code, r.message) });
    if (r.ok) void loadStats();
  }

  async function lockNow() {
    await services.lock();
    setUnlocked(false, 'locked');
  }

  let page: ComponentChildren;
  if (loadError) {
    page = (
      <div class="narrow">
        <p class="error" role="alert">
          {errorText(t, 'background', loadError)}
        </p>
        <button type="button" onClick={() => void reload()}>
          {t('dashboard.retry')}
        </button>
      </div>
    );
  } else if (!boot || !route) {
    page = <p class="muted" role="status">{t('dashboard.loading')}</p>;
  } else if (route === 'setup') {
    page = (
      <SetupView
        t={t}
        lang={lang}
        initial={boot.settings}
        locked={boot.locked}
        pinNeeded={!boot.pin.hasPin}
        pinManaged={boot.pin.managed}
        busy={busy}
        error={formError}
        onLanguage={setSetupLang}
        onSubmit={(s, pin, confirm) => void submitSetup(s, pin, confirm)}
      />
    );
  } else if (route === 'unlock') {
    page = (
      <UnlockView
        t={t}
        lang={lang}
        lockedUntil={boot.pin.lockedUntil}
        error={formError}
        notice={notice}
        busy={busy}
        clock={clock}
        onSubmit={(pin) => void submitUnlock(pin)}
      />
    );
  } else if (route === 'summary') {
    page =
      summary === null ? (
        <p class="muted" role="status">
          {t('dashboard.loading')}
        </p>
      ) : summary.ok ? (
        <SummaryView t={t} lang={lang} data={summary.data} showExcerpts={detailed} />
      ) : (
        <div>
          <p class="error" role="alert" data-testid="summary-error">
            {errorText(t, summary.code, summary.message)}
          </p>
          <button type="button" onClick={() => void loadSummary()}>
            {t('dashboard.retry')}
          </button>
        </div>
      );
  } else if (route === 'settings') {
    page = (
      <SettingsView
        key={settingsKey}
        t={t}
        lang={lang}
        settings={draft ?? boot.settings}
        locked={boot.locked}
        pinManaged={boot.pin.managed}
        save={save}
        pinSave={pinSave}
        onSave={submitSettings}
        onChangePin={(c, n, f) => void submitPinChange(c, n, f)}
      />
    );
  } else {
    page = (
      <DataView
        t={t}
        lang={lang}
        stats={stats}
        exportState={exportState}
        deleteState={deleteState}
        onExport={(f) => void runExport(f)}
        onDelete={(pin) => void runDelete(pin)}
      />
    );
  }

  const showNav = route === 'summary' || route === 'settings' || route === 'data';
  return (
    <div class="dashboard" lang={lang}>
      <header class="top">
        <h1>
          {t('common.appName')} <span class="muted">{t('dashboard.subtitle')}</span>
        </h1>
        {showNav && route && <Nav t={t} route={route} onLock={() => void lockNow()} />}
      </header>
      <main id="main">{page}</main>
      <footer class="foot muted small">{t('dashboard.footer')}</footer>
    </div>
  );
}
