/**
 * Which accounts a page is about. Keys are tried in a fixed order of trust: corrections the rep made, CRM ids,
 * email/web domains (a subdomain falls back to its registrable parent), then company names (exact after
 * normalisation, then tolerant by trigram similarity). Every account found is returned, ranked, so a thread with
 * three companies shows three — but only from the strongest evidence the page has: when a sender or Reply-To
 * names an account, companies that are only copied or mentioned are not the page's account (a signature, a
 * colleague's customer in Cc), and body mentions count only on pages without any header address.
 */
import type { AccountKey, CrmName } from '../sites/types.ts';
import type { AccountIndex } from './account-index.ts';
import { normaliseCrmId, postingsOf as lookup } from './account-index.ts';
import { DEFAULT_NEVER_MATCH_DOMAINS, domainAndParents, domainOf, isListedDomain, normaliseDomain } from './domains.ts';
import { normaliseCompanyName, trigramCodes } from './normalise.ts';

export interface Match {
  accountId: string;
  /** 0…1; see `CONFIDENCE`. */
  confidence: number;
  via: 'crm' | 'domain' | 'name' | 'correction';
  /** The page key that produced the match. */
  key: AccountKey;
}

export interface MatchOptions {
  /** Domains that never identify an account (default: DEFAULT_NEVER_MATCH_DOMAINS, the freemail providers). */
  neverMatchDomains?: readonly string[];
  /** The rep's own company domains: colleagues in a thread are not customers. */
  ownDomains?: readonly string[];
  /** Remembered decisions: `keyId(key)` (or `domain:<d>` for an email's domain) → account id, or null = "no account". */
  corrections?: Readonly<Record<string, string | null>>;
  /** Minimum Dice similarity of name trigrams for a tolerant name match (default 0.8). */
  nameThreshold?: number;
}

/** The record types that are accounts in each CRM; contacts and deals only match through their linked account. */
const ACCOUNT_RECORD_TYPES: Record<CrmName, ReadonlySet<string> | null> = {
  salesforce: new Set(['Account']),
  hubspot: new Set(['company']),
  dynamics: new Set(['account']),
  pipedrive: new Set(['organization']),
  zoho: new Set(['Accounts']),
  custom: null,
  erp: null,
};

/** Confidence by evidence. Email roles: a sender or Reply-To names the counterpart best, a body mention least. */
const CONFIDENCE = {
  correction: 1,
  crm: 1,
  domain: 0.9,
  email: { from: 0.9, 'reply-to': 0.9, attendee: 0.85, to: 0.8, cc: 0.75, mention: 0.6, none: 0.8 },
  /** Multipliers: the domain was found only as a parent; several accounts share the domain or name. */
  parentDomain: 0.95,
  ambiguous: 0.8,
  exactName: 0.8,
  /** Tolerant name matches get this times their Dice similarity. */
  tolerantName: 0.7,
} as const;

const VIA_RANK: Record<Match['via'], number> = { correction: 0, crm: 0, domain: 1, name: 2 };

/** Evidence tiers of a key: a record id, name, website or sender (0), a recipient or attendee (1), a mention (2). */
function tierOf(key: AccountKey): number {
  if (key.kind !== 'email') return 0;
  if (key.role === 'from' || key.role === 'reply-to') return 0;
  return key.role === 'mention' ? 2 : 1;
}

/**
 * The identifier of a key in corrections: `crm:<crm>:<id>`, `email:<address>`, `domain:<domain>`, `name:<normalised>`.
 *
 * @example
 * keyId({ kind: 'name', name: 'Müller GmbH' }); // => 'name:mueller'
 */
export function keyId(key: AccountKey): string {
  switch (key.kind) {
    case 'crm':
      return `crm:${key.crm}:${normaliseCrmId(key.crm, key.id)}`;
    case 'email':
      return `email:${key.email.trim().toLowerCase()}`;
    case 'domain':
      return `domain:${normaliseDomain(key.domain)}`;
    case 'name':
      return `name:${normaliseCompanyName(key.name)}`;
  }
}

type Found = Array<{ position: number; confidence: number; via: Match['via'] }>;

function byCorrection(index: AccountIndex, corrections: MatchOptions['corrections'], ids: string[]): Found | null {
  if (!corrections) return null;
  for (const id of ids) {
    if (!Object.hasOwn(corrections, id)) continue;
    const accountId = corrections[id];
    if (accountId === null) return [];
    const position = accountId === undefined ? -1 : index.ids.indexOf(accountId);
    if (position >= 0) return [{ position, confidence: CONFIDENCE.correction, via: 'correction' }];
  }
  return null;
}

function byDomain(index: AccountIndex, domain: string, confidence: number): Found {
  const chain = domainAndParents(domain);
  for (const [step, candidate] of chain.entries()) {
    const positions = lookup(index.domains, candidate);
    if (positions.length === 0) continue;
    const scaled =
      confidence * (step > 0 ? CONFIDENCE.parentDomain : 1) * (positions.length > 1 ? CONFIDENCE.ambiguous : 1);
    return positions.map((position) => ({ position, confidence: scaled, via: 'domain' as const }));
  }
  return [];
}

function byName(index: AccountIndex, name: string, threshold: number): Found {
  const normalised = normaliseCompanyName(name);
  if (!normalised) return [];
  const exact = lookup(index.names, normalised.replace(/ /g, ''));
  if (exact.length > 0) {
    const confidence = CONFIDENCE.exactName * (exact.length > 1 ? CONFIDENCE.ambiguous : 1);
    return exact.map((position) => ({ position, confidence, via: 'name' as const }));
  }
  if (normalised.length < 4) return [];
  const grams = trigramCodes(normalised);
  const { trigramOffsets: offsets, trigramPostings: postings } = index;
  // Shared-trigram counts per account in a typed array: postings of common trigrams run into the thousands.
  const shared = new Uint16Array(index.ids.length);
  const touched: number[] = [];
  for (const code of grams) {
    for (let i = offsets[code] ?? 0, end = offsets[code + 1] ?? 0; i < end; i++) {
      const position = postings[i] ?? 0;
      const count = shared[position] ?? 0;
      shared[position] = count + 1;
      if (count === 0) touched.push(position);
    }
  }
  const found: Found = [];
  for (const position of touched) {
    const dice = (2 * (shared[position] ?? 0)) / (grams.length + (index.trigramCounts[position] ?? 0));
    if (dice >= threshold) found.push({ position, confidence: CONFIDENCE.tolerantName * dice, via: 'name' });
  }
  return found.sort((a, b) => b.confidence - a.confidence).slice(0, 3);
}

/**
 * The accounts `keys` point at, best first: by evidence (correction/CRM id, then domain, then name), then by
 * confidence. One match per account (its strongest). Freemail and own-company domains never match; corrections
 * are applied before anything else and may also silence a key (null). O(keys × (domain labels + name trigram
 * postings)).
 *
 * @example
 * const index = buildAccountIndex([{ id: 'a1', name: 'Acme GmbH', domains: ['acme.de'], crmIds: {} }]);
 * matchAccounts([{ kind: 'email', email: 'jo@eu.acme.de', role: 'from' }], index).map((m) => m.accountId); // => ['a1']
 */
export function matchAccounts(keys: readonly AccountKey[], index: AccountIndex, options: MatchOptions = {}): Match[] {
  const neverMatch = options.neverMatchDomains ?? DEFAULT_NEVER_MATCH_DOMAINS;
  const own = [...(options.ownDomains ?? []), ...(index.ownDomains ?? [])];
  const threshold = options.nameThreshold ?? 0.8;
  const best = new Map<number, Match & { order: number }>();
  let order = 0;

  for (const key of keys) {
    let found: Found | null = null;
    if (key.kind === 'crm') {
      found = byCorrection(index, options.corrections, [keyId(key)]);
      const types = ACCOUNT_RECORD_TYPES[key.crm];
      if (!found && (!key.recordType || !types || types.has(key.recordType))) {
        const positions = lookup(index.crm, `${key.crm}:${normaliseCrmId(key.crm, key.id)}`);
        found = positions.map((position) => ({ position, confidence: CONFIDENCE.crm, via: 'crm' as const }));
      }
    } else if (key.kind === 'email' || key.kind === 'domain') {
      const domain = key.kind === 'email' ? domainOf(key.email) : normaliseDomain(key.domain);
      if (!domain) continue;
      const ids = key.kind === 'email' ? [keyId(key), `domain:${domain}`] : [`domain:${domain}`];
      found = byCorrection(index, options.corrections, ids);
      if (!found && !isListedDomain(domain, own) && !isListedDomain(domain, neverMatch)) {
        const confidence = key.kind === 'email' ? CONFIDENCE.email[key.role ?? 'none'] : CONFIDENCE.domain;
        found = byDomain(index, domain, confidence);
      }
    } else {
      found = byCorrection(index, options.corrections, [keyId(key)]) ?? byName(index, key.name, threshold);
    }
    for (const { position, confidence, via } of found ?? []) {
      const accountId = index.ids[position];
      if (accountId === undefined) continue;
      const previous = best.get(position);
      const better =
        !previous ||
        VIA_RANK[via] < VIA_RANK[previous.via] ||
        (VIA_RANK[via] === VIA_RANK[previous.via] && confidence > previous.confidence);
      if (better) best.set(position, { accountId, confidence, via, key, order: previous?.order ?? order++ });
    }
  }
  const matched = [...best.values()];
  const tier = Math.min(...matched.map((m) => tierOf(m.key)));
  return matched
    .filter((m) => tierOf(m.key) === tier)
    .sort((a, b) => VIA_RANK[a.via] - VIA_RANK[b.via] || b.confidence - a.confidence || a.order - b.order)
    .map(({ order: _order, ...match }) => match);
}
