/**
 * What a save changed: the account's value score before and after the local re-score, its segment, and the
 * talking point now on top (insights feed the score and the talking points, lib/engine/rescore.ts).
 */
import { pick } from './format.ts';
import { topTalkingPoints } from './TalkingPoints.tsx';
import { uiTexts } from './texts.ts';
import type { SaveResult } from '../lib/capture/client.ts';
import type { AccountSummary } from '../lib/store/page-db.ts';

export interface SaveSummaryData {
  account: {
    name: string;
    before: number | null;
    after: number;
    segment: string;
    topPoint?: { en: string; de: string };
  } | null;
  recovered: boolean;
}

/** The summary of a save; `before` is the account as shown before it. */
export function summaryOf(result: SaveResult, before: AccountSummary | undefined): SaveSummaryData {
  const account = result.account;
  const top = account ? topTalkingPoints(account.talkingPoints, 1)[0] : undefined;
  return {
    account: account
      ? {
          name: account.name,
          before: before ? before.valueScore : null,
          after: account.valueScore,
          segment: account.segment,
          ...(top ? { topPoint: top.title } : {}),
        }
      : null,
    recovered: result.recovered,
  };
}

export function SaveSummary({ data }: { data: SaveSummaryData }) {
  const tx = uiTexts();
  const round = (n: number) => tx.number(Math.round(n));
  const a = data.account;
  return (
    <div class="al-notice al-saved" role="status" data-testid="save-summary">
      {a ? (
        <>
          <p data-testid="score-after-save">
            {tx.t('spScoreAfterSave', a.name, a.before === null ? '–' : round(a.before), round(a.after), a.segment)}
          </p>
          {a.topPoint && <p class="al-muted">{tx.t('spTopTalkingPoint', pick(tx, a.topPoint))}</p>}
        </>
      ) : (
        <p>{tx.t('spSavedUnassigned')}</p>
      )}
      {data.recovered && <p class="al-muted">{tx.t('spSavedRecovered')}</p>}
    </div>
  );
}
