/**
 * A capture started outside the side panel (context menu, keyboard shortcut, the overlay's "log insight"): the
 * background leaves it here and opens the side panel, which picks it up. Session storage, so it never outlives
 * the browser session and never syncs.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

const CRM_NAMES = ['salesforce', 'hubspot', 'dynamics', 'pipedrive', 'zoho', 'custom'] as const;
const EMAIL_ROLES = ['from', 'to', 'cc', 'reply-to', 'attendee', 'mention'] as const;

export const PendingCaptureSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  source: z.enum(['context-menu', 'overlay', 'popup', 'shortcut']),
  accountId: z.string().max(200).optional(),
  selection: z.string().max(20_000).optional(),
  url: z.string().max(4000).optional(),
  title: z.string().max(500).optional(),
  /** The account keys the tab's site adapter found (the overlay's view of the page), strongest first. */
  keys: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('crm'),
          crm: z.enum(CRM_NAMES),
          id: z.string().min(1).max(200),
          recordType: z.string().max(100).optional(),
        }),
        z.object({ kind: z.literal('email'), email: z.string().min(3).max(320), role: z.enum(EMAIL_ROLES).optional() }),
        z.object({ kind: z.literal('domain'), domain: z.string().min(3).max(253) }),
        z.object({ kind: z.literal('name'), name: z.string().min(1).max(300) }),
      ]),
    )
    .max(50)
    .optional(),
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
