/**
 * The docked frame of the overlay: a card at the right edge, below the page's top bar, or a round badge when
 * collapsed. It renders inside a shadow root (components/overlay.css), so page styles don't reach it.
 * The caller owns the collapsed state (and remembers it across pages); the frame only reports the rep's toggles.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { AccountTabs } from './AccountTabs.tsx';
import { MatchCorrection } from './MatchCorrection.tsx';
import { uiTexts, type Texts } from './texts.ts';
import type { AccountCardActions, AccountOption, AccountView } from './types.ts';

export type OverlayState =
  | { kind: 'loading' }
  /** `hint`: why nothing matched, e.g. which keys were found; a general hint is shown without it. */
  | { kind: 'no-match'; hint?: string }
  | { kind: 'error'; message: string }
  | { kind: 'matched'; views: readonly AccountView[] };

export interface OverlayProps extends AccountCardActions {
  state: OverlayState;
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  candidates?: readonly AccountOption[];
  currency?: string;
  /** Shown as "Try again" in the error state when given. */
  onRetry?: () => void;
  /** Distance from the top of the window in px, to clear the site's top bar; 72 by default (overlay.css). */
  offsetTop?: number;
}

/** What the collapsed badge shows and says for a state: the selected account's segment and score when matched. */
export function badgeContent(
  tx: Texts,
  state: OverlayState,
  selected: AccountView | undefined,
): { text: string; score?: string; label: string; tone: string } {
  if (state.kind === 'matched' && selected) {
    return {
      text: selected.account.segment,
      score: String(Math.round(selected.account.valueScore)),
      label: tx.t('overlayExpand', selected.account.name),
      tone: `al-seg-${selected.account.segment}`,
    };
  }
  const text = state.kind === 'loading' ? '…' : state.kind === 'error' ? '!' : '–';
  return { text, label: tx.t('overlayExpandPlain'), tone: `al-badge-${state.kind}` };
}

export function Overlay(props: OverlayProps) {
  const {
    state,
    collapsed,
    onCollapsedChange,
    candidates = [],
    currency = 'EUR',
    onRetry,
    offsetTop,
    ...actions
  } = props;
  const position = offsetTop === undefined ? undefined : { '--al-top': `${offsetTop}px` };
  const tx = uiTexts();
  const selectedId = useSignal<string | undefined>(undefined);
  const badgeRef = useRef<HTMLButtonElement>(null);
  const collapseRef = useRef<HTMLButtonElement>(null);
  // Focus follows the rep's own toggles only: the overlay must never take focus from the page on load.
  const toggledByRep = useRef(false);

  useEffect(() => {
    if (!toggledByRep.current) return;
    toggledByRep.current = false;
    (collapsed ? badgeRef : collapseRef).current?.focus();
  }, [collapsed]);

  const toggle = (next: boolean) => {
    toggledByRep.current = true;
    onCollapsedChange(next);
  };

  const views = state.kind === 'matched' ? state.views : [];
  const selected = views.find((v) => v.account.id === selectedId.value) ?? views[0];

  if (collapsed) {
    const badge = badgeContent(tx, state, selected);
    return (
      <button
        ref={badgeRef}
        type="button"
        class={`al-badge ${badge.tone}`}
        style={position}
        data-testid="overlay-badge"
        aria-label={badge.label}
        aria-expanded="false"
        title={badge.label}
        onClick={() => toggle(false)}
      >
        <span class="al-badge-text">{badge.text}</span>
        {badge.score !== undefined && <span class="al-badge-score">{badge.score}</span>}
      </button>
    );
  }

  return (
    <aside
      class="al-frame"
      style={position}
      data-testid="accountlens-overlay"
      aria-label={tx.t('overlayTitle')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          toggle(true);
        }
      }}
    >
      <header class="al-frame-head">
        <span class="al-brand">{tx.t('overlayTitle')}</span>
        <button
          ref={collapseRef}
          type="button"
          class="al-icon-button"
          data-testid="overlay-collapse"
          aria-label={tx.t('overlayCollapse')}
          aria-expanded="true"
          title={tx.t('overlayCollapse')}
          onClick={() => toggle(true)}
        >
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M3 7h8" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      </header>
      <div class="al-frame-body" data-testid="overlay-body" aria-busy={state.kind === 'loading'}>
        {state.kind === 'loading' && (
          <p class="al-status" role="status" data-testid="overlay-loading">
            <span class="al-spinner" aria-hidden="true" />
            {tx.t('overlayLoading')}
          </p>
        )}
        {state.kind === 'no-match' && (
          <div class="al-status" data-testid="overlay-no-match">
            <p>{tx.t('overlayNoMatch')}</p>
            <p class="al-muted">{state.hint ?? tx.t('overlayNoMatchHint')}</p>
            <MatchCorrection
              currentId={null}
              candidates={candidates}
              onCorrect={actions.onCorrect}
              onSearch={actions.onSearch}
            />
          </div>
        )}
        {state.kind === 'error' && (
          <div class="al-status" role="alert" data-testid="overlay-error">
            <p>{tx.t('overlayError')}</p>
            <p class="al-muted">{state.message}</p>
            {onRetry && (
              <button type="button" class="al-button" data-testid="overlay-retry" onClick={onRetry}>
                {tx.t('retry')}
              </button>
            )}
          </div>
        )}
        {state.kind === 'matched' && (
          <AccountTabs
            views={views}
            selectedId={selected?.account.id}
            onSelect={(id) => (selectedId.value = id)}
            candidates={candidates}
            currency={currency}
            {...actions}
          />
        )}
      </div>
    </aside>
  );
}
