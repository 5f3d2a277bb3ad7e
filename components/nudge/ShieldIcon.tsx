/** A shield with a heart: protection, not punishment. Decorative, so hidden from screen readers. */
export function ShieldIcon() {
  return (
    <svg class="chp-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path class="chp-icon-shield" d="M12 2 4 5v6c0 5.1 3.4 9.6 8 11 4.6-1.4 8-5.9 8-11V5l-8-3Z" />
      <path
        class="chp-icon-heart"
        d="M12 16.6s-4.2-2.5-4.2-5.4A2.2 2.2 0 0 1 12 10a2.2 2.2 0 0 1 4.2 1.2c0 2.9-4.2 5.4-4.2 5.4Z"
      />
    </svg>
  );
}
