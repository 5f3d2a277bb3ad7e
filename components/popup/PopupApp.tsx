// The popup: this page's flags, one-tap report, help now, and what the parent can see. It holds
// the state and the order of the report's steps; everything outside comes through `deps`.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TabStatus } from '@/lib/background/tabs';
import { formatDate, langFromTag, translator } from '@/lib/i18n';
import '@/lib/i18n/catalogues/popup';
import { helpFor } from '@/lib/report/help';
import { hotlineById } from '@/lib/report/hotlines';
import { resolveRegion, regionFor } from '@/lib/report/region';
import { buildReportText, reportLogFor } from '@/lib/report/report-text';
import { DEFAULT_SETTINGS, type SettingKey, type Settings } from '@/lib/settings/model';
import type { SummaryPair } from '@/lib/store/types';
import type { ActiveTab, Loaded, PopupDeps, RecentReport } from './deps';
import { HelpNow } from './HelpNow';
import { ParentView } from './ParentView';
import { RegionPicker } from './RegionPicker';
import { ReportPanel, type ReportState } from './ReportPanel';
import { ThisTab } from './ThisTab';

/** How long a report stays on show after the form's tab closed the popup. */
const RECENT_REPORT_MS = 30 * 60_000;

interface Boot {
  settings: Settings;
  locked: SettingKey[];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Whether a step worked. Catches synchronous throws too, so no click ends in an unhandled rejection. */
async function attempt(step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch {
    return false;
  }
}

export function PopupApp({ deps }: { deps: PopupDeps }) {
  const hints = useMemo(() => deps.hints(), [deps]);
  const [boot, setBoot] = useState<Boot | null>(null);
  const [tab, setTab] = useState<ActiveTab | null>(null);
  const [status, setStatus] = useState<Loaded<TabStatus>>({ state: 'loading' });
  const [report, setReport] = useState<ReportState>({ step: 'idle' });
  const [regionFailed, setRegionFailed] = useState(false);
  const [parentOpen, setParentOpen] = useState(false);
  const [summary, setSummary] = useState<Loaded<SummaryPair> | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      let loaded: Boot;
      try {
        loaded = await deps.settings();
      } catch {
        // Without settings the popup still works for a child in trouble, with the defaults.
        loaded = { settings: DEFAULT_SETTINGS, locked: [] };
      }
      if (live) setBoot(loaded);
    })();
    void (async () => {
      try {
        const active = await deps.activeTab();
        if (!live) return;
        setTab(active);
        if (!active) return setStatus({ state: 'error', message: 'no active tab' });
        const res = await deps.tabStatus(active.id);
        if (live) setStatus(res.ok ? { state: 'ok', data: res.data } : { state: 'error', message: res.error.message });
      } catch (e) {
        if (live) setStatus({ state: 'error', message: message(e) });
      }
    })();
    void (async () => {
      let r: RecentReport | null = null;
      try {
        r = await deps.recentReport();
      } catch {
        // Nothing to show again.
      }
      if (!live || !r || deps.now() - r.ts > RECENT_REPORT_MS) return;
      const recalled: ReportState = { step: 'done', ...r, opened: null, logged: true, recalled: true };
      setReport((prev) => (prev.step === 'idle' ? recalled : prev));
    })();
    return () => {
      live = false;
    };
  }, [deps]);

  const settings = boot?.settings ?? DEFAULT_SETTINGS;
  const lang = settings.language === 'auto' ? langFromTag(hints.language) : settings.language;
  const t = useMemo(() => translator(lang), [lang]);
  const region = resolveRegion(settings.region, hints);
  const help = useMemo(() => helpFor(region, settings.hotline), [region, settings.hotline]);
  const detailed = settings.privacyMode === 'detailed';

  if (!boot) {
    return (
      <div class="popup" lang={lang}>
        <h1>{t('common.appName')}</h1>
        <p class="muted">{t('popup.tab.loading')}</p>
      </div>
    );
  }

  async function onReport() {
    if (report.step === 'working') return;
    const now = deps.now();
    const input = {
      lang,
      pageUrl: tab?.url ?? '',
      status: status.state === 'ok' ? status.data : null,
      now,
      conversation: deps.launch.conversation,
    };
    const text = buildReportText(input);
    const hotline = help.report.hotline.id;
    setReport({ step: 'working' });
    // The clipboard first: browsers only allow it close to the click.
    const copied = await attempt(() => deps.copy(text));
    const done = { step: 'done', text, ts: now, hotline, copied, opened: null, logged: true, recalled: false } as const;
    setReport(done);
    let logged = false;
    try {
      logged = (await deps.logReport(reportLogFor(input, hotline))).ok;
    } catch {
      // Reported as not logged below; the report itself is ready.
    }
    await attempt(() => deps.rememberReport({ ts: now, text, hotline, copied }));
    setReport({ ...done, logged });
    // A failed copy leaves the text on show to copy by hand; opening the form would hide it.
    if (!copied) return;
    // Last, because in a real popup the new tab takes the focus and closes the popup.
    const opened = await attempt(() => deps.openTab(help.report.url));
    setReport({ ...done, logged, opened });
  }

  async function onCopyAgain() {
    if (report.step !== 'done') return;
    const current = report;
    const copied = await attempt(() => deps.copy(current.text));
    setReport({ ...current, copied });
  }

  async function loadSummary() {
    setSummary({ state: 'loading' });
    try {
      const res = await deps.summary(detailed);
      setSummary(res.ok ? { state: 'ok', data: res.data } : { state: 'error', message: res.error.message });
    } catch (e) {
      setSummary({ state: 'error', message: message(e) });
    }
  }

  function onToggleParent() {
    const next = !parentOpen;
    setParentOpen(next);
    if (next && (summary === null || summary.state === 'error')) void loadSummary();
  }

  async function onRegion(value: string) {
    const previous = boot;
    if (!previous) return;
    setRegionFailed(false);
    setBoot({ ...previous, settings: { ...previous.settings, region: value } });
    if (!(await attempt(() => deps.saveRegion(value)))) {
      setBoot(previous);
      setRegionFailed(true);
    }
  }

  // A recalled report may have gone to another service than today's default.
  const reportHotline = (report.step === 'done' && hotlineById(report.hotline)) || help.report.hotline;

  return (
    <div class="popup" lang={lang}>
      <header class="top">
        <h1>{t('common.appName')}</h1>
        <RegionPicker
          t={t}
          value={settings.region}
          detected={regionFor(hints)}
          locked={boot.locked.includes('region')}
          failed={regionFailed}
          onChange={(v) => void onRegion(v)}
        />
      </header>
      <main>
        <ThisTab t={t} status={status} first={deps.launch.conversation} />
        <ReportPanel
          t={t}
          hotlineName={reportHotline.name}
          formUrl={reportHotline.reportUrl ?? help.report.url}
          state={report}
          focus={deps.launch.report}
          madeAt={
            report.step === 'done'
              ? t('popup.report.recalled', { time: formatDate(lang, report.ts, { timeStyle: 'short' }) })
              : ''
          }
          onReport={() => void onReport()}
          onCopy={() => void onCopyAgain()}
        />
        <HelpNow t={t} help={help} trustedAdult={settings.trustedAdult} />
        <ParentView
          t={t}
          lang={lang}
          open={parentOpen}
          summary={summary}
          showExcerpts={detailed}
          onToggle={onToggleParent}
          onRetry={() => void loadSummary()}
        />
      </main>
    </div>
  );
}
