import type { Direction, SiteId } from './types';

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

/**
 * querySelectorAll that also looks upward from `root`: a mutation's added node may be the message
 * itself, or a piece inside it (an edit, a late-rendered body).
 */
export function queryAll(root: ParentNode, selector: string): Element[] {
  const found = Array.from(root.querySelectorAll(selector));
  const up = isElement(root) ? root.closest(selector) : null;
  if (up && !found.includes(up)) found.unshift(up);
  return found;
}

/** Drops duplicates and elements nested inside another element of the list (wrappers that match twice). */
export function outermost(els: Element[]): Element[] {
  const set = new Set(els);
  return Array.from(set).filter((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (set.has(p)) return false;
    return true;
  });
}

export function first<T extends Element = Element>(root: ParentNode | null | undefined, selectors: readonly string[]): T | null {
  if (!root) return null;
  for (const s of selectors) {
    const el = root.querySelector<T>(s);
    if (el) return el;
  }
  return null;
}

const SILENT = /^(SCRIPT|STYLE|TEMPLATE|SVG|NOSCRIPT)$/i;

/** Elements that start a new line in what the child reads. */
function isBlock(tag: string): boolean {
  switch (tag) {
    case 'DIV':
    case 'P':
    case 'LI':
    case 'BLOCKQUOTE':
    case 'PRE':
    case 'TR':
    case 'H1':
    case 'H2':
    case 'H3':
    case 'H4':
    case 'H5':
    case 'H6':
      return true;
    default:
      return false;
  }
}

/**
 * Appends the visible text under `node` to `out`. Walks siblings directly (no child arrays): this
 * runs for every message of a long history.
 */
function collect(node: Node, skip: string | undefined, out: string[]): void {
  if (node.nodeType === 3) {
    out.push((node as Text).data);
    return;
  }
  if (!isElement(node)) return;
  if (skip && node.matches(skip)) return;
  const tag = node.tagName.toUpperCase();
  if (tag === 'BR') {
    out.push('\n');
    return;
  }
  // Sites draw emoji as images; the alt (or WhatsApp's data-plain-text) is the character the child reads.
  if (tag === 'IMG') {
    out.push(node.getAttribute('data-plain-text') ?? node.getAttribute('alt') ?? '');
    return;
  }
  if (SILENT.test(tag)) return;
  const block = isBlock(tag);
  if (block) out.push('\n');
  for (let c = node.firstChild; c; c = c.nextSibling) collect(c, skip, out);
  if (block) out.push('\n');
}

export function normalize(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t\f\v\r]+/g, ' ')
    .replace(/ *\n[\n ]*/g, '\n')
    .trim();
}

/** Visible text of `el`, leaving out descendants that match `skip` (timestamps, reactions, quotes). */
export function textOf(el: Element | null | undefined, skip?: string): string {
  if (!el) return '';
  const out: string[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) collect(c, skip, out);
  return normalize(out.join(''));
}

/**
 * Look-ups that would otherwise repeat for every message of a slice (the logged-in account, the
 * conversation header, the page address) are remembered for one pass: a run of synchronous work
 * during which the page cannot change the DOM. Outside a pass nothing is remembered.
 */
let pass: WeakMap<object, Map<string, unknown>> | null = null;

/** Runs `fn` as one pass (nested calls join the outer pass). */
export function inPass<T>(fn: () => T): T {
  if (pass) return fn();
  pass = new WeakMap();
  try {
    return fn();
  } finally {
    pass = null;
  }
}

/** `compute()` once per pass for (`owner`, `key`); every call outside a pass computes. */
export function passMemo<T>(owner: object, key: string, compute: () => T): T {
  if (!pass) return compute();
  let m = pass.get(owner);
  if (!m) pass.set(owner, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}

/** cyrb53: short, well-spread, no crypto API needed (content scripts may run where SubtleCrypto is async-only). */
export function hash(input: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The site's own id when there is one; otherwise a hash of what the message says and who said it.
 * No DOM index goes in: virtualised lists re-render rows at other positions.
 */
export function messageKey(site: SiteId, thread: string, id: string | null, features: readonly string[]): string {
  return id ? `${site}:${thread}:${id}` : `${site}:${thread}:h${hash(features.join('\u0001'))}`;
}

const END = /^(flex-end|end|self-end|right)$/;
const START = /^(flex-start|start|self-start|left)$/;

function decide(value: string | undefined): Direction | null {
  if (!value) return null;
  if (END.test(value)) return 'out';
  if (START.test(value)) return 'in';
  return null;
}

function isRtl(doc: Document): boolean {
  return doc.documentElement.getAttribute('dir') === 'rtl' || doc.body?.getAttribute('dir') === 'rtl';
}

/**
 * Which side a bubble sits on, for sites that mark the child's messages only by placing them on
 * the right. Geometry when the page is laid out; otherwise the declared flex alignment, which says
 * "end" for the child's side in both LTR and RTL layouts.
 */
export function sideByLayout(bubble: Element, row: Element): Direction | null {
  const doc = bubble.ownerDocument;
  const a = bubble.getBoundingClientRect();
  const b = row.getBoundingClientRect();
  if (bubble !== row && a.width > 0 && b.width > 0 && a.width < b.width * 0.9) {
    const right = a.left + a.width / 2 > b.left + b.width / 2;
    return right !== isRtl(doc) ? 'out' : 'in';
  }
  const win = doc.defaultView;
  if (!win) return null;
  for (let n: Element | null = bubble; n; n = n === row ? null : n.parentElement) {
    const cs = win.getComputedStyle(n);
    if (n !== bubble && cs.display.includes('flex')) {
      const horizontal = (cs.flexDirection || 'row').startsWith('row') ? cs.justifyContent : cs.alignItems;
      const side = decide(horizontal);
      if (side) return side;
    }
    const parent = n === row ? null : n.parentElement;
    if (parent) {
      const ps = win.getComputedStyle(parent);
      if (ps.display.includes('flex') && !(ps.flexDirection || 'row').startsWith('row')) {
        const side = decide(cs.alignSelf);
        if (side) return side;
      }
    }
  }
  return null;
}

/** Whether `el` is inside one of the elements matched by `scope` (the real message list). */
export function within(el: Element, scope: string): boolean {
  return el.closest(scope) !== null;
}
