/**
 * The CSS of the nudge views, injected by the content script into the closed shadow root.
 * Everything hangs off `.chp-root`, whose `all: initial` cuts the inherited styles of the
 * host page; fonts, colours and sizes are then set here and nowhere else. Sizes are in em of
 * `font-size: medium`, so the child's browser font size and zoom scale the whole card, and page
 * rules such as `html { font-size: 62.5% }` (which rem would follow) do not.
 */
export const NUDGE_CSS = `
.chp-root {
  all: initial;
  display: block;
  box-sizing: border-box;
  font-family: "Noto Sans Khmer", "Khmer OS", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: medium;
  font-weight: 400;
  line-height: 1.6;
  color: #1b1f24;
  background: #ffffff;
  text-align: start;
  overflow-wrap: anywhere;
  -webkit-text-size-adjust: 100%;
  --chp-accent: #1f4f8f;
  --chp-soft: #eef3fa;
}
.chp-root:lang(km) { line-height: 1.75; }
.chp-root[data-level="alert"] { --chp-accent: #a3261b; --chp-soft: #fdf0ee; }
.chp-reminder, .chp-pause { --chp-accent: #8a4a00; --chp-soft: #fff7ed; }
.chp-root *, .chp-root *::before, .chp-root *::after { box-sizing: border-box; }
.chp-root [hidden] { display: none !important; }
.chp-root h2, .chp-root h3, .chp-root p, .chp-root ul, .chp-root li {
  margin: 0; padding: 0; font: inherit; color: inherit; list-style: none;
}

.chp-card {
  border-radius: 12px;
  border: 1px solid rgba(0, 0, 0, 0.12);
  box-shadow: 0 8px 28px rgba(0, 0, 0, 0.22);
  overflow: auto;
  /* Hidden for the single frame before the live region is filled (see useMounted). */
  opacity: 0;
}
.chp-card[data-ready] { opacity: 1; }

.chp-nudge {
  position: fixed;
  right: 16px;
  bottom: 16px;
  z-index: 2147483646;
  width: 360px;
  max-width: calc(100vw - 32px);
  max-height: calc(100vh - 32px);
}
.chp-pause { width: 340px; max-width: calc(100vw - 32px); max-height: calc(100vh - 32px); }
.chp-reminder {
  max-width: min(420px, calc(100vw - 32px));
  padding: 0.6em 0.85em 0.75em;
  border-left: 4px solid var(--chp-accent);
}

.chp-head {
  display: flex;
  align-items: center;
  gap: 0.6em;
  padding: 0.75em 1em;
  background: var(--chp-accent);
  color: #ffffff;
}
.chp-icon { flex: none; width: 1.5em; height: 1.5em; }
.chp-icon-shield { fill: currentColor; }
.chp-icon-heart { fill: var(--chp-accent); }
.chp-reminder .chp-icon { width: 1.25em; height: 1.25em; color: var(--chp-accent); }
.chp-reminder .chp-icon-heart { fill: #ffffff; }
.chp-root .chp-title { font-size: 1.05em; font-weight: 700; line-height: 1.4; }
.chp-root:lang(km) .chp-title { line-height: 1.6; }
.chp-root .chp-reminder-title { display: flex; align-items: center; gap: 0.4em; margin-bottom: 0.25em; }

.chp-body { padding: 0.85em 1em 0.25em; display: grid; gap: 0.5em; }
.chp-root .chp-noticed { font-weight: 600; }
.chp-root .chp-name { font-weight: 700; unicode-bidi: isolate; }
.chp-root .chp-ask { font-weight: 600; }
.chp-root[data-level="alert"] .chp-ask { color: var(--chp-accent); }
.chp-root .chp-steps { display: grid; gap: 0.25em; }
.chp-root .chp-steps li {
  padding: 0.3em 0.6em;
  border-left: 4px solid var(--chp-accent);
  background: var(--chp-soft);
  font-weight: 700;
}

.chp-actions { display: flex; flex-wrap: wrap; gap: 0.5em; padding: 0.75em 1em 1em; }
.chp-root button, .chp-root a { font: inherit; }
.chp-root .chp-btn {
  -webkit-appearance: none;
  appearance: none;
  display: inline-flex;
  align-items: center;
  justify-content: center;
  min-height: 44px;
  margin: 0;
  padding: 0.45em 0.9em;
  border: 2px solid var(--chp-accent);
  border-radius: 8px;
  background: #ffffff;
  color: var(--chp-accent);
  font-weight: 600;
  line-height: 1.3;
  text-align: center;
  cursor: pointer;
}
.chp-root .chp-btn:hover { background: var(--chp-soft); }
.chp-root .chp-btn-primary, .chp-root .chp-btn-primary:hover { background: var(--chp-accent); color: #ffffff; }
.chp-root .chp-btn-primary:hover { filter: brightness(0.92); }
.chp-root .chp-btn[aria-expanded="true"] { box-shadow: inset 0 -3px 0 rgba(0, 0, 0, 0.35); }
.chp-reminder .chp-btn { margin-top: 0.6em; min-height: 40px; }

.chp-root :focus { outline: none; }
.chp-root :focus-visible { outline: 3px solid #1b1f24; outline-offset: 2px; }

.chp-help {
  margin: 0 1em 1em;
  padding: 0.75em 0.85em;
  border-radius: 8px;
  background: var(--chp-soft);
  display: grid;
  gap: 0.5em;
}
.chp-pause-help { padding: 0 1em 1em; display: grid; gap: 0.4em; }
.chp-pause-help .chp-help { margin: 0; }
.chp-root .chp-help-title { font-weight: 700; }
.chp-root a { color: #0b3d91; text-decoration: underline; cursor: pointer; }
.chp-root .chp-links { display: flex; flex-wrap: wrap; gap: 0.5em; }
.chp-root .chp-link-btn {
  display: inline-flex;
  align-items: center;
  min-height: 44px;
  padding: 0.4em 0.8em;
  border-radius: 8px;
  background: #ffffff;
  border: 2px solid #0b3d91;
  font-weight: 600;
  text-decoration: none;
}

.chp-root .chp-chips { display: flex; flex-wrap: wrap; gap: 0.35em; margin: 0.3em 0 0.4em; }
.chp-root .chp-chips li {
  padding: 0.1em 0.6em;
  border-radius: 999px;
  background: var(--chp-soft);
  border: 1px solid var(--chp-accent);
  color: #1b1f24;
  font-weight: 600;
}

.chp-root .chp-sr {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}

@keyframes chp-rise {
  from { opacity: 0; transform: translateY(12px); }
  to { opacity: 1; transform: none; }
}
@media (prefers-reduced-motion: no-preference) {
  .chp-card[data-ready] { animation: chp-rise 180ms ease-out; }
}

/* Windows high contrast: let the system colours through and keep edges visible. */
@media (forced-colors: active) {
  .chp-card, .chp-root .chp-btn, .chp-root .chp-link-btn, .chp-root .chp-chips li { border: 2px solid CanvasText; }
  .chp-head { border-bottom: 2px solid CanvasText; }
  .chp-icon-heart { fill: Canvas; }
}
`;
