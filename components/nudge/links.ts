// Hrefs built from the hotline directory and the parent's settings. They are data, not trusted
// markup: anything that is not a phone number or a web address gets no link at all.

/** A tel: or sms: href from a number as people write it ("+855 12 345 678", "1280"). */
export function dialHref(scheme: 'tel' | 'sms', number: string): string | undefined {
  const trimmed = number.trim();
  const digits = trimmed.replace(/[^\d*#]/g, '');
  if (!/\d/.test(digits)) return undefined;
  // '#' would start a URI fragment, so it is percent-encoded.
  return `${scheme}:${trimmed.startsWith('+') ? '+' : ''}${digits.replace(/#/g, '%23')}`;
}

/** The address if it is http(s), so a stored "javascript:" never becomes a link. */
export function webHref(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A trusted adult's contact as a link when it is a phone number or an email address. */
export function contactHref(contact: string): string | undefined {
  const c = contact.trim();
  if (/^\+?[\d\s().-]{5,}$/.test(c)) return dialHref('tel', c);
  if (/^[^\s@:/?#]+@[^\s@:/?#]+\.[^\s@:/?#]+$/.test(c)) return `mailto:${c}`;
  return undefined;
}
