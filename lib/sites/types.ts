/**
 * The contract between site adapters, the content script and the overlay. An adapter reads one kind of page and
 * says which account(s) it is about as `AccountKey`s; the background matches keys to accounts (lib/match/).
 */

/** `custom`: a self-hosted CRM's own record id; `erp`: the ERP customer number, i.e. the account id itself. */
export type CrmName = 'salesforce' | 'hubspot' | 'dynamics' | 'pipedrive' | 'zoho' | 'custom' | 'erp';

export type EmailRole = 'from' | 'to' | 'cc' | 'reply-to' | 'attendee' | 'mention';

/**
 * What a page says about its account. `source` tells where on the page the key was read (`mailto`,
 * `attribute:title`, `text`, `url`, `selector:<css>` …), so the card can show a rep why it chose an account.
 */
export type AccountKey =
  | { kind: 'crm'; crm: CrmName; id: string; recordType?: string; source?: string }
  | { kind: 'email'; email: string; role?: EmailRole; source?: string }
  | { kind: 'domain'; domain: string; source?: string }
  | { kind: 'name'; name: string; source?: string };

export interface PageContext {
  /** The adapter id that produced this context. */
  site: string;
  keys: AccountKey[];
  pageKind: 'record' | 'mail' | 'calendar' | 'other';
  /** A CSS selector near which the overlay may anchor (best effort; the overlay falls back to a floating badge). */
  anchorHint?: string;
}

export interface SiteAdapter {
  id: string;
  /** Whether this adapter is responsible for the site (host level); `extract` decides whether the page is a record. */
  matches(url: URL): boolean;
  /** Reads the page; null when the page shows nothing an account can be found from. Never relies on globals. */
  extract(url: URL, doc: Document): PageContext | null;
  /** selectors whose appearance/changes mean "extract again" (observed with one MutationObserver, debounced) */
  watch?: string[];
  /** Extract again whenever something holding an email address is added, removed or changed anywhere. */
  watchAddresses?: boolean;
  /** The adapter reads form fields' values: `input`/`change` events on watched fields mean "extract again". */
  readsValues?: boolean;
}
