/**
 * The user-defined adapter an admin makes for Tryton's web client (sao) in the options page: what the e2e test
 * types into the form, and what the unit test of the captured Tryton pages runs. Selectors are scoped to sao's
 * active tab, because sao keeps every opened record's form in the DOM (one tab each).
 */
import { TRYTON_ACTIVE } from './apps.ts';

export const TRYTON_ADAPTER = {
  id: 'tryton',
  name: 'Tryton',
  /** `{id}` ends at `;` (sao appends `;name="…"&views=…` to the record's path). */
  urlPattern: 'http://127.0.0.1:8000/#crm/model/party.party/{id}',
  /** The party's name is an <input>: read its value. */
  nameSelector: `${TRYTON_ACTIVE} input[name="name"]`,
  /** Contact mechanisms: the e-mail cells of the list. */
  emailSelector: `${TRYTON_ACTIVE} div.column-char[title*="@"]`,
  /** The website cell (the domain/website selector). */
  domainSelector: `${TRYTON_ACTIVE} div.column-char[title^="http"]`,
} as const;
