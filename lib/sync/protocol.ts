/**
 * The sync wire format, shared by the extension (lib/store's outbox, lib/sync's client) and the hub (server/).
 *
 * Modelled on Replicache's push/pull: every client has an id and numbers its mutations 1, 2, 3 … in the order they
 * were made. The hub applies mutation n only after n − 1, skips those it already applied (replays are harmless),
 * and when one is rejected it still advances the client's last mutation id, so one bad note never blocks the
 * queue behind it; the rejection reason goes back to the client, which shows it to the rep.
 */
import { z } from 'zod';
import { InsightSchema } from '../engine/insight.ts';

export const PROTOCOL_VERSION = 1;

export const ClientIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

export const MutationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('insight.put'),
    mutationId: z.number().int().positive(),
    /** The insight as the client has it after the edit (rev already incremented). */
    insight: InsightSchema,
    /** The rev this edit started from (0 for a new insight): the hub detects concurrent edits with it. */
    baseRev: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('insight.delete'),
    mutationId: z.number().int().positive(),
    insightId: z.string(),
    baseRev: z.number().int().nonnegative(),
    deletedAt: z.iso.datetime({ offset: true }),
  }),
]);
export type Mutation = z.infer<typeof MutationSchema>;
