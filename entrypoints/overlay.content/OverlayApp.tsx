/**
 * The content script's one component: finds the page's account keys with the site adapter, asks the background
 * which accounts they are, and renders the overlay. Every error stays in here: the host page never sees one.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Overlay, type OverlayState } from '../../components/Overlay.tsx';
import type { AccountOption, AccountView, TalkingPointMark } from '../../components/types.ts';
import { sendMessage } from '../../lib/messaging.ts';
import { browser } from 'wxt/browser';
import type { AccountKey, PageContext } from '../../lib/sites/types.ts';
import type { LookupAnswer } from '../background/lookup.ts';
import { describeKey } from './describe-key.ts';
import { startWatching } from './watch.ts';

const COLLAPSED_KEY = 'overlayCollapsed';

export interface OverlayAppProps {
  ctx: ContentScriptContext;
}

export function OverlayApp({ ctx }: OverlayAppProps) {
  const [state, setState] = useState<OverlayState | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  const [currency, setCurrency] = useState('EUR');
  const [context, setContext] = useState<PageContext | null>(null);
  const [lookups, setLookups] = useState(0);
  const matchedKeys = useRef<AccountKey[]>([]);

  // The collapsed state is remembered across pages and tabs (lib/settings.ts overlayCollapsed, same key); read
  // with the plain storage API so the content script doesn't bundle WXT's storage layer.
  useEffect(() => {
    void browser.storage.local.get(COLLAPSED_KEY).then((items) => setCollapsed(items[COLLAPSED_KEY] === true));
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && COLLAPSED_KEY in changes) setCollapsed(changes[COLLAPSED_KEY]?.newValue === true);
    };
    browser.storage.onChanged.addListener(listener);
    const stop = () => browser.storage.onChanged.removeListener(listener);
    ctx.onInvalidated(stop);
    return stop;
  }, [ctx]);

  useEffect(() => startWatching(ctx, setContext), [ctx]);

  useEffect(() => {
    if (!context || context.keys.length === 0) {
      setState(null);
      return;
    }
    // A new record: keep the account on screen while the next one loads (no flicker between records of one CRM),
    // but never keep "no account found" or an error of an earlier context, e.g. the empty page a webmail showed
    // before its message frame loaded.
    setState((previous) => (previous?.kind === 'matched' ? previous : { kind: 'loading' }));
    let stale = false;
    sendMessage<'page.lookup', LookupAnswer>('page.lookup', { url: location.href, context })
      .then((answer) => {
        if (stale || ctx.isInvalid) return;
        setCurrency(answer.currency);
        if (answer.matches.length === 0) {
          setState({ kind: 'no-match', hint: context.keys.slice(0, 3).map(describeKey).join(', ') });
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
        if (!stale && !ctx.isInvalid)
          setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      stale = true;
    };
  }, [context, lookups, ctx]);

  // Nothing to show until the page names an account: no frame, no layout work on pages without one.
  if (state === null || !context || context.keys.length === 0) return null;

  // A correction applies to what matched (or, with no match, to the page's strongest key).
  const correctionKey = state.kind === 'matched' ? matchedKeys.current[0] : context?.keys[0];
  const refresh = () => setLookups((n) => n + 1);
  // A refused or failed overlay action is said in the overlay, not dropped.
  const failed = (error: unknown) =>
    setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  return (
    <Overlay
      state={state}
      collapsed={collapsed}
      currency={currency}
      onCollapsedChange={(value) => void browser.storage.local.set({ [COLLAPSED_KEY]: value })}
      onRetry={refresh}
      onMark={(accountId: string, talkingPointId: string, mark: TalkingPointMark | null) =>
        void sendMessage('feedback.mark', { accountId, talkingPointId, mark }).then(refresh, failed)
      }
      onLogInsight={(accountId: string) =>
        void sendMessage('capture.open', { accountId, url: location.href.slice(0, 4000) }).catch(failed)
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
  );
}
