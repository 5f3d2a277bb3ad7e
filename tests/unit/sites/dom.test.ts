// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { inPass, passMemo, textOf } from '@/lib/sites/dom';

describe('passMemo', () => {
  it('computes once per pass and owner/key, and again in the next pass', () => {
    const owner = {};
    let calls = 0;
    const get = () => passMemo(owner, 'k', () => ++calls);
    expect(inPass(() => [get(), get(), get()])).toEqual([1, 1, 1]);
    expect(inPass(() => get())).toBe(2);
  });

  it('remembers nothing outside a pass, so direct callers always see the page as it is', () => {
    const owner = {};
    let calls = 0;
    passMemo(owner, 'k', () => ++calls);
    passMemo(owner, 'k', () => ++calls);
    expect(calls).toBe(2);
  });

  it('keeps owners and keys apart, and a nested pass joins the outer one', () => {
    const a = {};
    const b = {};
    const r = inPass(() => [passMemo(a, 'x', () => 'a.x'), passMemo(b, 'x', () => 'b.x'), passMemo(a, 'y', () => 'a.y'), inPass(() => passMemo(a, 'x', () => 'again'))]);
    expect(r).toEqual(['a.x', 'b.x', 'a.y', 'a.x']);
  });

  it('ends the pass when the work throws', () => {
    const owner = {};
    expect(() => inPass(() => {
      passMemo(owner, 'k', () => 1);
      throw new Error('boom');
    })).toThrow('boom');
    expect(inPass(() => passMemo(owner, 'k', () => 2))).toBe(2);
  });
});

describe('textOf', () => {
  it('reads text as the child sees it: lines for blocks and <br>, emoji images as their alt, skipped parts left out', () => {
    const el = document.createElement('div');
    el.innerHTML = '<span>hi <b>there</b></span><br><img alt="😀"><div>next line</div><time>10:02</time><script>x()</script>';
    expect(textOf(el, 'time')).toBe('hi there\n😀\nnext line');
  });
});
