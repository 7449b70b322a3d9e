/**
 * The overlay's card. It renders in the extension frame (entrypoints/overlay-frame), not in the host page: it asks
 * the background for the accounts of its own tab (`overlay.lookup`: the keys the content script reported), hears
 * a new report through `storage.session`, and tells the content script only how big it is and where the rep drags
 * it (`tabs.sendMessage` to the tab's top frame). Every error stays in here: the host page never sees one.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Overlay, type OverlayState } from '../../components/Overlay.tsx';
import type { AccountOption, AccountView, TalkingPointMark } from '../../components/types.ts';
import { isOverlayTabKey as isTabKey, overlayTabKey as tabKey, sendMessage } from '../../lib/messaging.ts';
import type { AccountKey } from '../../lib/sites/types.ts';
import type { LookupExplanation } from '../background/lookup.ts';
import type { FrameAnswer } from '../background/overlay-tabs.ts';
import { describeKey } from './describe-key.ts';
import type { FrameMessage } from './shell.ts';
import { BADGE_SIZE, CARD_WIDTH } from './placement.ts';

const COLLAPSED_KEY = 'overlayCollapsed';

/** The key the content script gave this frame (its URL's fragment); the background answers no other frame. */
const frameKey = () => location.hash.slice(1);

type Layout = FrameMessage extends infer M ? (M extends unknown ? Omit<M, 'type' | 'frameKey'> : never) : never;

/**
 * Sends a layout message to the content script of this frame's tab (its top frame). Firefox gives an extension
 * page framed in a web page no `tabs` API: there the background relays it to the sender's tab.
 */
function tellPage(tabId: number, message: Layout) {
  const full = { type: 'overlay.frame', frameKey: frameKey(), ...message } as FrameMessage;
  if (typeof browser.tabs?.sendMessage === 'function')
    void browser.tabs.sendMessage(tabId, full, { frameId: 0 }).catch(() => undefined);
  else void sendMessage('overlay.relay', { message: full }).catch(() => undefined);
}

export function OverlayApp() {
  const [state, setState] = useState<OverlayState | null>(null);
  const [collapsedPref, setCollapsedPref] = useState(false);
  /** The rep opened a badge that was shown for lack of room. */
  const [openedByRep, setOpenedByRep] = useState(false);
  const [currency, setCurrency] = useState('EUR');
  const [frame, setFrame] = useState<FrameAnswer | null>(null);
  const [explanation, setExplanation] = useState<LookupExplanation | undefined>(undefined);
  const [lookups, setLookups] = useState(0);
  /** The first lookup failed (e.g. a copy of this page framed by someone else, without a key). */
  const [refused, setRefused] = useState(false);
  const matchedKeys = useRef<AccountKey[]>([]);
  const root = useRef<HTMLDivElement>(null);
  const tabId = frame?.tabId;
  const entry = frame?.entry ?? null;
  const context = entry?.context ?? null;

  // The collapsed state is remembered across pages and tabs (lib/settings.ts overlayCollapsed, same key).
  // The frame may load before the page's report is stored (the content script mounts it first): until the first
  // answer names this frame's tab, any tab's report is a reason to ask again.
  const tabIdNow = useRef<number | undefined>(undefined);
  tabIdNow.current = tabId;
  useEffect(() => {
    void browser.storage.local.get(COLLAPSED_KEY).then((items) => setCollapsedPref(items[COLLAPSED_KEY] === true));
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && COLLAPSED_KEY in changes) setCollapsedPref(changes[COLLAPSED_KEY]?.newValue === true);
      if (area !== 'session') return;
      const mine = tabIdNow.current;
      const ours = mine === undefined ? Object.keys(changes).some(isTabKey) : tabKey(mine) in changes;
      if (ours) setLookups((n) => n + 1);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);

  useEffect(() => {
    let stale = false;
    // A new record: keep the account on screen while the next one loads (no flicker between records of one CRM),
    // but never keep "no account found" or an error of an earlier context.
    setState((previous) => (previous === null || previous.kind === 'matched' ? previous : { kind: 'loading' }));
    sendMessage<'overlay.lookup', FrameAnswer>('overlay.lookup', { frameKey: frameKey() })
      .then((next) => {
        if (stale) return;
        setFrame(next);
        const keys = next.entry?.context?.keys ?? [];
        const answer = next.answer;
        if (!answer || keys.length === 0) {
          setState(null);
          return;
        }
        setCurrency(answer.currency);
        setExplanation(answer.explanation);
        if (answer.matches.length === 0) {
          setState({ kind: 'no-match', hint: keys.slice(0, 3).map(describeKey).join(', ') });
          return;
        }
        matchedKeys.current = answer.matches.map((m) => m.key);
        const views: AccountView[] = answer.matches.map((m) => ({
          account: m.account,
          confidence: m.confidence,
          matchedBy: describeKey(m.key),
          insights: m.insights,
          marks: m.marks,
        }));
        setState({ kind: 'matched', views });
      })
      .catch((error: unknown) => {
        if (stale) return;
        setRefused(true);
        setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      stale = true;
    };
  }, [lookups]);

  const collapsed = collapsedPref || (entry?.noRoom === true && !openedByRep);
  const shown = state !== null && context !== null && context.keys.length > 0;

  // The page side sizes the box to what is rendered: the badge, or the card's natural height.
  useLayoutEffect(() => {
    if (tabId === undefined) return;
    const report = () => {
      const el = root.current?.firstElementChild as HTMLElement | null | undefined;
      if (!shown || !el) {
        tellPage(tabId, { kind: 'size', hidden: true, collapsed, width: 0, height: 0 });
        return;
      }
      const body = el.querySelector<HTMLElement>('[data-testid="overlay-body"]');
      const natural = body ? el.offsetHeight - body.clientHeight + body.scrollHeight : el.offsetHeight;
      tellPage(tabId, {
        kind: 'size',
        hidden: false,
        collapsed,
        width: collapsed ? BADGE_SIZE : CARD_WIDTH,
        height: collapsed ? BADGE_SIZE : Math.ceil(natural),
      });
    };
    report();
    if (!shown || collapsed || !root.current) return;
    const observer = new ResizeObserver(report);
    const content = root.current.querySelector('[data-testid="overlay-content"]');
    if (content) observer.observe(content);
    return () => observer.disconnect();
  }, [tabId, shown, collapsed, state, explanation]);

  // `data-state` tells a reader (tests) whether the background has answered: 'asking', 'empty', 'refused', 'shown'.
  if (!shown || tabId === undefined)
    return <div ref={root} data-state={frame ? 'empty' : refused ? 'refused' : 'asking'} />;

  // A correction applies to what matched (or, with no match, to the page's strongest key).
  const correctionKey = state.kind === 'matched' ? matchedKeys.current[0] : context.keys[0];
  const refresh = () => setLookups((n) => n + 1);
  const pageUrl = entry?.url ?? '';
  // A refused or failed overlay action is said in the overlay, not dropped.
  const failed = (error: unknown) =>
    setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  return (
    <div ref={root} data-state="shown">
      <Overlay
        state={state}
        collapsed={collapsed}
        currency={currency}
        explanation={explanation}
        onCollapsedChange={(value) => {
          if (!value) setOpenedByRep(true);
          if (value || collapsedPref) void browser.storage.local.set({ [COLLAPSED_KEY]: value });
        }}
        onDrag={(x, y) => tellPage(tabId, { kind: 'drag', x, y })}
        onDock={() => tellPage(tabId, { kind: 'dock' })}
        onRetry={refresh}
        onMark={(accountId: string, talkingPointId: string, mark: TalkingPointMark | null) =>
          void sendMessage('feedback.mark', { accountId, talkingPointId, mark }).then(refresh, failed)
        }
        onLogInsight={(accountId: string) =>
          void sendMessage('capture.open', { accountId, url: pageUrl.slice(0, 4000) }).catch(failed)
        }
        onOpenBrief={(accountId: string) => {
          // On a calendar event the brief is the meeting's: the chosen account first, then the other attendees'.
          const meeting = context?.pageKind === 'calendar' && state.kind === 'matched';
          const others = meeting ? state.views.map((v) => v.account.id).filter((id) => id !== accountId) : [];
          void sendMessage('brief.open', {
            accountIds: [accountId, ...others],
            from: meeting ? 'calendar' : 'overlay',
          }).catch(failed);
        }}
        onCorrect={(accountId: string | null) => {
          if (!correctionKey) return;
          void sendMessage('match.correct', { key: correctionKey, accountId }).then(refresh, failed);
        }}
        onSearch={async (query: string): Promise<AccountOption[]> => {
          const answer = await sendMessage<'account.search', { accounts: AccountOption[] }>('account.search', {
            query,
            limit: 10,
          });
          return answer.accounts;
        }}
      />
    </div>
  );
}
