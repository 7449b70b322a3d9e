/** The popup's account view, read from the local store: the account, its insights and the rep's marks. */
import type { AccountView } from '../../components/types.ts';
import { getAccount, listFeedback, listInsightsForAccount, type Db } from '../../lib/store/index.ts';

/** The view of one account as the popup shows it, or null when the account is not in the store. */
export async function loadAccountView(
  db: Db,
  accountId: string,
  matchedBy: string,
  confidence = 1,
): Promise<AccountView | null> {
  const [account, insights, feedback] = await Promise.all([
    getAccount(db, accountId),
    listInsightsForAccount(db, accountId),
    listFeedback(db, accountId),
  ]);
  if (!account.value) return null;
  return {
    account: account.value,
    confidence,
    matchedBy,
    insights: insights.items,
    marks: Object.fromEntries(feedback.items.map((f) => [f.talkingPointId, f.mark])),
  };
}
