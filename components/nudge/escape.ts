/** A keydown handler that calls `action` on Escape, for views the child can close from the keyboard. */
export function onEscape(action: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    action();
  };
}
