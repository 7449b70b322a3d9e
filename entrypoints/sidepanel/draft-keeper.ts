/**
 * Autosave for the capture form. The form hands over what was typed (debounced); each write goes to IndexedDB
 * straight from the page, so a draft survives the panel closing, the browser crashing and the service worker
 * stopping. Writes and deletes run one after another on one chain: a debounced write that was still in flight
 * when the insight was saved can never land after the draft's deletion and bring a saved note back as a draft.
 */
import { ulid } from 'ulid';
import type { InsightDraft } from '../../lib/capture/form.ts';
import { INSIGHT_LIMITS } from '../../lib/engine/insight.ts';
import { deleteDraft, saveDraft, type Db, type Draft } from '../../lib/store/index.ts';

export interface DraftWrite {
  draft: Draft;
  /** True when a field was longer than the store keeps and was cut to its limit. */
  shortened: boolean;
}

/** The draft as the store keeps it: text cut to the insight limits, so an overlong field never costs the draft. */
export function storableDraft(draft: InsightDraft): { fields: Draft['fields']; shortened: boolean } {
  const f = draft.fields;
  const title = f.title.slice(0, INSIGHT_LIMITS.title);
  const body = f.body.slice(0, INSIGHT_LIMITS.body);
  const products = f.products.slice(0, INSIGHT_LIMITS.products).map((p) => p.slice(0, 100));
  const tags = f.tags.slice(0, INSIGHT_LIMITS.tags).map((t) => t.slice(0, 60));
  const followUpAt = f.followUpAt === null ? null : f.followUpAt.slice(0, 40);
  const shortened =
    title.length < f.title.length ||
    body.length < f.body.length ||
    products.length < f.products.length ||
    tags.length < f.tags.length ||
    products.some((p, i) => p !== f.products[i]) ||
    tags.some((t, i) => t !== f.tags[i]) ||
    (followUpAt ?? '') !== (f.followUpAt ?? '');
  return {
    fields: {
      type: f.type,
      title,
      body,
      sentiment: f.sentiment,
      products,
      tags,
      followUpAt,
      visibility: f.visibility,
      ...(f.outcome === undefined ? {} : { outcome: f.outcome }),
      ...(f.talkingPoints === undefined ? {} : { talkingPoints: f.talkingPoints.slice(0, 50) }),
    },
    shortened,
  };
}

export class DraftKeeper {
  private chain: Promise<unknown> = Promise.resolve();
  private retired = new Set<string>();
  private id: string;

  constructor(
    private readonly db: () => Promise<Db>,
    id: string = ulid(),
  ) {
    this.id = id;
  }

  /** The id the next write goes to. */
  get draftId(): string {
    return this.id;
  }

  /** Continues a restored draft: later writes overwrite it instead of leaving a second one. */
  adopt(id: string): void {
    this.id = id;
  }

  /**
   * Stores the form as typed under the current draft id, after every earlier write. Resolves with the stored
   * draft, or null when the draft was finished (its insight saved or discarded) before this write's turn.
   * @throws {StoreError} from saveDraft ('invalid' naming the field), for a caller to show
   */
  save(draft: InsightDraft): Promise<DraftWrite | null> {
    const id = this.id;
    const { fields, shortened } = storableDraft(draft);
    return this.enqueue(async () => {
      if (this.retired.has(id)) return null;
      const insightId = draft.insightId;
      const stored = await saveDraft(await this.db(), { id, insightId, accountId: draft.accountId, fields });
      return { draft: stored, shortened };
    });
  }

  /** Leaves the current draft stored as it is (to come back to) and writes the next changes to a new one. */
  startNew(): void {
    this.id = ulid();
  }

  /** Deletes the current draft after every pending write, and starts a new one for the next note. */
  finish(): Promise<void> {
    const id = this.id;
    this.retired.add(id);
    this.id = ulid();
    return this.enqueue(async () => deleteDraft(await this.db(), id));
  }

  /** Deletes a draft that is not the current one (e.g. one the rep chose not to restore). */
  discard(id: string): Promise<void> {
    this.retired.add(id);
    return this.enqueue(async () => deleteDraft(await this.db(), id));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
