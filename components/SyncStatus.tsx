import { uiLocale } from '../lib/i18n.ts';
import { uiTexts } from './texts.ts';

/** A mutation the hub refused, with its reason (lib/store Rejection, plus the insight's title when known). */
export interface SyncRejection {
  mutationId: number;
  reason: string;
  /** ISO date-time of the refusal. */
  at: string;
  title?: string;
}

export interface SyncStatusProps {
  /** ISO date-time of the last successful sync; null before the first. */
  lastSyncAt: string | null;
  /** Changes waiting in the outbox. */
  pending: number;
  syncing: boolean;
  /** The last failed attempt's error (network, hub down), null when the last attempt worked. */
  error: string | null;
  rejections: readonly SyncRejection[];
  /** False while no hub is set up: the button is then hidden and the status says so. */
  hubConfigured: boolean;
  onSyncNow: () => void;
  onDismissRejection?: (mutationId: number) => void;
  /** The clock for "5 minutes ago". */
  now?: Date;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/**
 * "5 minutes ago" / "vor 5 Minuten" in the UI locale; "now" under a minute; a date beyond a week.
 * @example relativeTime('2026-03-01T10:00:00Z', new Date('2026-03-01T12:00:00Z'), 'en') // => '2 hours ago'
 */
export function relativeTime(iso: string, now: Date, locale: string): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return format.format(0, 'second');
  if (Math.abs(seconds) > 7 * 86_400) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(-Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** Where sync stands: when it last worked, what waits, what failed, and what the hub refused (with its reason). */
export function SyncStatus(props: SyncStatusProps) {
  const { lastSyncAt, pending, syncing, error, rejections, hubConfigured, now = new Date() } = props;
  const tx = uiTexts();
  return (
    <section class="al-sync" data-testid="sync-status" aria-label={tx.t('syncTitle')} aria-busy={syncing}>
      <div class="al-row">
        <p data-testid="sync-last">
          {!hubConfigured
            ? tx.t('syncNoHub')
            : lastSyncAt === null
              ? tx.t('syncNever')
              : tx.t('syncLast', relativeTime(lastSyncAt, now, uiLocale()))}
        </p>
        {hubConfigured && (
          <button type="button" class="al-button" data-testid="sync-now" disabled={syncing} onClick={props.onSyncNow}>
            {tx.t(syncing ? 'syncRunning' : 'syncNow')}
          </button>
        )}
      </div>
      <p class="al-muted" data-testid="sync-pending">
        {pending === 0
          ? tx.t('syncNothingPending')
          : tx.t(pending === 1 ? 'syncPendingOne' : 'syncPending', tx.number(pending))}
      </p>
      {error !== null && (
        <p class="al-error" role="alert" data-testid="sync-error">
          {tx.t('syncFailed', error)}
        </p>
      )}
      {rejections.length > 0 && (
        <div class="al-rejections" data-testid="sync-rejections">
          <p class="al-label">{tx.t('syncRejectedTitle', tx.number(rejections.length))}</p>
          <ul>
            {rejections.map((r) => (
              <li key={r.mutationId} data-testid={`rejection-${r.mutationId}`}>
                <p>
                  <strong>{r.title ?? tx.t('syncRejectedUntitled', r.mutationId)}</strong>{' '}
                  <span class="al-muted">{tx.date(r.at)}</span>
                </p>
                <p class="al-error">{r.reason}</p>
                {props.onDismissRejection && (
                  <button
                    type="button"
                    class="al-link"
                    data-testid={`dismiss-${r.mutationId}`}
                    onClick={() => props.onDismissRejection?.(r.mutationId)}
                  >
                    {tx.t('syncDismiss')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
