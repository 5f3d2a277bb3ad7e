// Turns what a parent types ("chat.example.org", "https://chat.example.org/room/1") into the
// match pattern a host permission needs ("https://chat.example.org/*").

const HOST = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function sitePattern(input: string): string | null {
  let text = input.trim().toLowerCase();
  if (!text) return null;
  const m = /^(https?):\/\/([^/]+)\/\*$/.exec(text);
  if (m) text = `${m[1]}://${m[2]}/`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `https://${text}`;
  const wildcard = /^https?:\/\/\*\./.test(text);
  let url: URL;
  try {
    url = new URL(wildcard ? text.replace('*.', 'wildcard-placeholder.') : text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.port) return null;
  const host = wildcard ? url.hostname.replace('wildcard-placeholder.', '*.') : url.hostname;
  if (!HOST.test(host)) return null;
  // A bare top-level name ("com", "*.com") would cover far more than one chat site.
  if (!host.replace(/^\*\./, '').includes('.') && host !== 'localhost') return null;
  return `${url.protocol}//${host}/*`;
}

/** The host shown to the parent for a pattern. */
export function siteHost(pattern: string): string {
  return pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '');
}
