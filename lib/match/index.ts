/** Matching page keys (lib/sites) to accounts. Runs in the background and on the hub, never in a content script. */
export { ACCOUNT_INDEX_VERSION, buildAccountIndex, normaliseCrmId, postingsOf } from './account-index.ts';
export type { AccountForIndex, AccountIndex, Postings } from './account-index.ts';
export { keyId, matchAccounts } from './match-accounts.ts';
export type { Match, MatchOptions } from './match-accounts.ts';
export {
  DEFAULT_NEVER_MATCH_DOMAINS,
  domainAndParents,
  domainOf,
  isListedDomain,
  normaliseDomain,
  registrableDomain,
} from './domains.ts';
export { nameTrigrams, normaliseCompanyName, trigramCodes } from './normalise.ts';
