/**
 * The overlay's card, or a round badge when collapsed. It fills the extension frame the content script places on
 * the host page (components/overlay.css); the caller owns the collapsed state (and remembers it across pages) and
 * the placement: this component reports the rep's toggles, drags (in screen pixels) and "other side" clicks.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { AccountTabs } from './AccountTabs.tsx';
import type { LookupExplanation } from '../entrypoints/background/lookup.ts';
import { MatchCorrection } from './MatchCorrection.tsx';
import { OverlayWhy } from './OverlayWhy.tsx';
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
  /** What the page's keys matched, for "Why this account?". */
  explanation?: LookupExplanation;
  /**
   * The rep starts dragging the card by its header (or the badge): called once, when the pointer has moved a few
   * pixels inside the frame, with its position in the frame. The page side follows the pointer from there.
   */
  onDrag?: (x: number, y: number) => void;
  /** Moves the card to the other edge (the keyboard's way to move it). */
  onDock?: () => void;
}

/** A drag shorter than this is a click. */
const DRAG_THRESHOLD = 4;

/**
 * Pointer handlers that report the start of a drag on `el` (press, then a few pixels of movement), and whether the
 * last press became a drag, so the click that may end it is ignored. Once the page side follows the pointer, the
 * frame gets no more of its events: they go to the page side's drag shield.
 */
function useDrag(onDrag: OverlayProps['onDrag']) {
  const start = useRef<{ x: number; y: number; id: number } | null>(null);
  const wasDrag = useRef(false);
  if (!onDrag) return { handlers: {}, wasDrag };
  const handlers = {
    onPointerDown(e: PointerEvent) {
      if (e.button !== 0) return;
      if (e.currentTarget !== e.target && (e.target as Element).closest('button:not(.al-badge)')) return;
      start.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
      wasDrag.current = false;
    },
    onPointerMove(e: PointerEvent) {
      const s = start.current;
      if (!s || s.id !== e.pointerId) return;
      if (Math.hypot(e.clientX - s.x, e.clientY - s.y) < DRAG_THRESHOLD) return;
      start.current = null;
      wasDrag.current = true;
      onDrag(e.clientX, e.clientY);
    },
    onPointerUp() {
      start.current = null;
    },
    onPointerCancel() {
      start.current = null;
    },
  };
  return { handlers, wasDrag };
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
    explanation,
    onDrag,
    onDock,
    ...actions
  } = props;
  const tx = uiTexts();
  const drag = useDrag(onDrag);
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
        data-testid="overlay-badge"
        data-account={state.kind === 'matched' ? selected?.account.name : undefined}
        aria-label={badge.label}
        aria-expanded="false"
        title={badge.label}
        {...drag.handlers}
        onClick={() => {
          if (drag.wasDrag.current) drag.wasDrag.current = false;
          else toggle(false);
        }}
      >
        <span class="al-badge-text">{badge.text}</span>
        {badge.score !== undefined && <span class="al-badge-score">{badge.score}</span>}
      </button>
    );
  }

  return (
    <aside
      class="al-frame"
      data-testid="accountlens-overlay"
      aria-label={tx.t('overlayTitle')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          toggle(true);
        }
      }}
    >
      <header class={onDrag ? 'al-frame-head al-draggable' : 'al-frame-head'} {...drag.handlers}>
        <span class="al-brand" title={onDrag ? tx.t('overlayDragHint') : undefined}>
          {tx.t('overlayTitle')}
        </span>
        {onDock && (
          <button
            type="button"
            class="al-icon-button al-dock"
            data-testid="overlay-dock"
            aria-label={tx.t('overlayMove')}
            title={tx.t('overlayMove')}
            onClick={onDock}
          >
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
              <path
                d="M1 5h10l-3-3M13 9H3l3 3"
                fill="none"
                stroke="currentColor"
                stroke-width="1.6"
                stroke-linecap="round"
                stroke-linejoin="round"
              />
            </svg>
          </button>
        )}
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
        <div data-testid="overlay-content">
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
          {explanation && (state.kind === 'matched' || state.kind === 'no-match') && (
            <OverlayWhy explanation={explanation} matched={state.kind === 'matched'} />
          )}
        </div>
      </div>
    </aside>
  );
}
