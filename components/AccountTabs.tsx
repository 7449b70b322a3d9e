import { useId, useRef } from 'preact/hooks';
import { AccountCard, type AccountCardProps } from './AccountCard.tsx';
import { uiTexts } from './texts.ts';
import type { AccountView } from './types.ts';

export interface AccountTabsProps extends Omit<AccountCardProps, 'view'> {
  views: readonly AccountView[];
  /** The account shown; the first view when absent or not among the views. */
  selectedId?: string;
  onSelect: (accountId: string) => void;
}

/**
 * One card per matched account, switched by tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between
 * tabs) when the page matched several; a single match renders its card alone.
 */
export function AccountTabs({ views, selectedId, onSelect, ...cardProps }: AccountTabsProps) {
  const tx = uiTexts();
  const baseId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(
    0,
    views.findIndex((v) => v.account.id === selectedId),
  );
  const selected = views[index];
  if (!selected) return null;
  if (views.length === 1) return <AccountCard view={selected} {...cardProps} />;

  const move = (to: number) => {
    const next = views[(to + views.length) % views.length];
    if (!next) return;
    onSelect(next.account.id);
    tabRefs.current[(to + views.length) % views.length]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: views.length - 1,
    };
    const to = keys[e.key];
    if (to === undefined) return;
    e.preventDefault();
    move(to);
  };
  return (
    <div class="al-tabs" data-testid="account-tabs">
      <div role="tablist" aria-label={tx.t('accountTabsLabel', views.length)} class="al-tablist" onKeyDown={onKeyDown}>
        {views.map((v, i) => (
          <button
            key={v.account.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${i}`}
            aria-selected={i === index}
            aria-controls={`${baseId}-panel`}
            tabIndex={i === index ? 0 : -1}
            class="al-tab"
            data-testid={`account-tab-${v.account.id}`}
            onClick={() => onSelect(v.account.id)}
          >
            <span class={`al-segment al-segment-small al-seg-${v.account.segment}`} aria-hidden="true">
              {v.account.segment}
            </span>
            <span class="al-tab-name">{v.account.name}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${index}`}>
        <AccountCard key={selected.account.id} view={selected} {...cardProps} />
      </div>
    </div>
  );
}
