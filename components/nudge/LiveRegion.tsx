import type { ComponentChildren } from 'preact';

interface LiveRegionProps {
  /** Assertive (role alert) when true, polite (role status) otherwise. */
  urgent: boolean;
  /** Children are rendered only once this is true; see useMounted. */
  filled: boolean;
  class?: string;
  id?: string;
  children: ComponentChildren;
}

/** Announces its text once, without moving focus. */
export function LiveRegion({ urgent, filled, class: cls, id, children }: LiveRegionProps) {
  return (
    <div
      id={id}
      class={cls}
      role={urgent ? 'alert' : 'status'}
      aria-live={urgent ? 'assertive' : 'polite'}
      aria-atomic="true"
    >
      {filled ? children : null}
    </div>
  );
}
