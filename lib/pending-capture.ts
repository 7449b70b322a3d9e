/**
 * A capture started outside the side panel (context menu, keyboard shortcut, the overlay's "log insight"): the
 * background leaves it here and opens the side panel, which picks it up. Session storage, so it never outlives
 * the browser session and never syncs.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

export const PendingCaptureSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  source: z.enum(['context-menu', 'overlay', 'popup', 'shortcut']),
  accountId: z.string().max(200).optional(),
  selection: z.string().max(20_000).optional(),
  url: z.string().max(4000).optional(),
  title: z.string().max(500).optional(),
});
export type PendingCapture = z.infer<typeof PendingCaptureSchema>;

export const pendingCapture = storage.defineItem<PendingCapture | null>('session:pendingCapture', { fallback: null });

/** The pending capture, validated; a malformed value is dropped with a warning rather than prefilled. */
export async function takePendingCapture(): Promise<PendingCapture | null> {
  const value = await pendingCapture.getValue();
  if (value === null) return null;
  await pendingCapture.setValue(null);
  const parsed = PendingCaptureSchema.safeParse(value);
  if (!parsed.success) {
    console.warn('AccountLens: ignored a malformed pending capture', parsed.error.issues);
    return null;
  }
  return parsed.data;
}
