import type { ExportFile } from '@/lib/store/types';

/** A plain file name: no folders, no characters that file systems refuse. */
export function safeName(name: string): string {
  const clean = [...name].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('');
  return clean.replace(/^[.\s]+/, '') || 'chaperone-export';
}

/** Saves text as a file through a Blob URL and an <a download>: no permission, no network. */
export function downloadFile(file: ExportFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mime};charset=utf-8` }));
  const a = doc.createElement('a');
  a.href = url;
  // The name comes from the background; keep it a plain file name whatever it holds.
  a.download = safeName(file.filename);
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not now: some browsers start reading the Blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
