import { describe, expect, it } from 'vitest';
import { NUDGE_CSS } from '@/components/nudge';

const css = NUDGE_CSS.replace(/\/\*[\s\S]*?\*\//g, '');
// Selectors outside @keyframes (whose from/to are not selectors).
const selectors = css
  .replace(/@keyframes[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}/g, '')
  .matchAll(/(?:^|[{}])\s*([^{}@\s][^{}]*?)\s*\{/g);
const list = [...selectors].flatMap((m) => m[1]!.split(',').map((s) => s.trim()));

describe('NUDGE_CSS', () => {
  it('scopes every rule under a Chaperone class, so nothing leaks out', () => {
    expect(list.length).toBeGreaterThan(30);
    for (const s of list) expect(s).toMatch(/^\.chp-/);
  });

  it('cuts the page styles off at the root and sets its own font', () => {
    const root = /\.chp-root \{([^}]*)\}/.exec(css)![1]!;
    expect(root).toMatch(/all: initial;/);
    expect(root).toContain('font-family: "Noto Sans Khmer", "Khmer OS", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;');
    expect(root).toMatch(/color: #/);
    expect(root).toMatch(/background: #/);
  });

  it('gives Khmer room between lines', () => {
    const km = /\.chp-root:lang\(km\) \{ line-height: ([\d.]+); \}/.exec(css);
    expect(Number(km![1])).toBeGreaterThanOrEqual(1.6);
  });

  it('sizes follow the browser font size, not the page root', () => {
    expect(css).not.toMatch(/\drem\b/);
  });

  it('keeps the nudge a fixed corner card above the page, never a full-screen overlay', () => {
    const nudge = /\.chp-nudge \{([^}]*)\}/.exec(css)![1]!;
    expect(nudge).toMatch(/position: fixed;/);
    expect(nudge).toMatch(/right: 16px;/);
    expect(nudge).toMatch(/bottom: 16px;/);
    expect(nudge).toMatch(/width: 360px;/);
    expect(nudge).toMatch(/max-height: calc\(100vh - 32px\);/);
    expect(Number(/z-index: (\d+)/.exec(nudge)![1])).toBeGreaterThan(1e9);
    expect(css).not.toMatch(/inset: 0|width: 100vw|height: 100vh/);
  });

  it('animates only when motion is welcome, and shows focus', () => {
    const animations = [...css.matchAll(/animation:/g)].length;
    const inMedia = /@media \(prefers-reduced-motion: no-preference\) \{[^@]*animation:/.exec(css);
    expect(animations).toBe(1);
    expect(inMedia).not.toBeNull();
    expect(css).toMatch(/\.chp-root :focus-visible \{ outline: 3px solid/);
  });
});
