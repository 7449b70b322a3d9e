/**
 * The options page's selector tester: asks the content script on one open tab what a site definition reads
 * there right now, and matches the keys it would send against the stored accounts, so an admin sees at once
 * whether a selector reads the right thing and which account that would show.
 */
import { browser } from 'wxt/browser';
import { DEFAULT_NEVER_MATCH_DOMAINS, matchAccounts } from '../../lib/match/index.ts';
import type { Request } from '../../lib/message-schemas.ts';
import { CustomAdapterDefinitionSchema } from '../../lib/sites/custom-definitions.ts';
import type { AccountKey } from '../../lib/sites/types.ts';
import { getAccount } from '../../lib/store/snapshot.ts';
import { getDb } from './db.ts';
import { currentSnapshot } from '../../lib/store/snapshot-cache.ts';

export interface AdapterTestAnswer {
  url: string;
  matchesUrl: boolean;
  values: Record<string, string>;
  keys: AccountKey[];
  accounts: Array<{ id: string; name: string; via: string; confidence: number }>;
}

interface TabAnswer {
  url: string;
  matchesUrl: boolean;
  values: Record<string, string>;
  keys: AccountKey[];
}

export async function testAdapter({ tabId, definition }: Request<'adapter.test'>): Promise<AdapterTestAnswer> {
  const parsed = CustomAdapterDefinitionSchema.safeParse(definition);
  if (!parsed.success)
    throw new Error(
      `the site definition is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  let answer: TabAnswer | undefined;
  try {
    answer = (await browser.tabs.sendMessage(tabId, { type: 'overlay.testAdapter', definition: parsed.data })) as
      TabAnswer | undefined;
  } catch {
    answer = undefined;
  }
  if (!answer || typeof answer.matchesUrl !== 'boolean')
    throw new Error('AccountLens is not running on that tab: enable its site first, then reload the tab');
  const db = await getDb();
  const current = await currentSnapshot(db);
  const keys = Array.isArray(answer.keys) ? answer.keys.slice(0, 50) : [];
  const matches = current
    ? matchAccounts(keys, current.index, { neverMatchDomains: DEFAULT_NEVER_MATCH_DOMAINS }).slice(0, 5)
    : [];
  const accounts = await Promise.all(
    matches.map(async (m) => ({
      id: m.accountId,
      name: (await getAccount(db, m.accountId)).value?.name ?? m.accountId,
      via: m.via,
      confidence: m.confidence,
    })),
  );
  return { url: String(answer.url), matchesUrl: answer.matchesUrl, values: answer.values ?? {}, keys, accounts };
}
