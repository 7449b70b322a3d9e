/** Saves text as a file through the browser's download (an object URL on a temporary link). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by the next task; revoking at once can cancel it in Firefox.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `accountlens-insights-2026-03-14.csv` for a prefix, a date and an extension. */
export function datedFileName(prefix: string, extension: string, now = new Date()): string {
  return `${prefix}-${now.toISOString().slice(0, 10)}.${extension}`;
}
