/**
 * Demo accounts: unique names, domains, CRM ids in every CRM's own format, owners and contacts.
 */
import type { AccountRecord, ContactRecord } from '../records.ts';
import type { CrmIds } from '../snapshot.ts';
import { salesforceId18 } from '../import/crm-ids.ts';
import {
  INDUSTRIES,
  INTERNATIONAL,
  REGIONS,
  ROLES_DE,
  ROLES_EN,
  companyName,
  disambiguate,
  ownerEmail,
  personName,
  slug,
  type CompanyName,
} from './names.ts';
import type { Draw } from './random.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

/** Keeps names, domains and ids unique across one generated dataset. */
export class AccountFactory {
  private readonly names = new Set<string>();
  private readonly domains = new Set<string>();
  private readonly ids = new Set<string>();
  private readonly emails = new Set<string>();

  constructor(private readonly draw: Draw) {}

  account(index: number): { account: AccountRecord; english: boolean } {
    const draw = this.draw;
    const english = draw.chance(0.08);
    const industry = draw.pick(INDUSTRIES);
    const region = english ? INTERNATIONAL : draw.pick(REGIONS);
    const company = this.uniqueName(industry, english);
    const domains = this.domainsFor(company);
    return {
      english,
      account: {
        id: String(10001 + index),
        name: company.name,
        domains,
        industry,
        region,
        ownerEmail: ownerEmail(region, draw),
        crmIds: this.crmIds(),
      },
    };
  }

  contacts(account: AccountRecord, english: boolean): ContactRecord[] {
    const draw = this.draw;
    const domain = account.domains[0] ?? `${slug(account.name)}.de`;
    const roles = english ? ROLES_EN : ROLES_DE;
    const count = 1 + draw.int(0, 3);
    const contacts: ContactRecord[] = [];
    for (let i = 0; i < count; i++) {
      const { first, last } = personName(draw);
      let email = `${slug(first)}.${slug(last)}@${domain}`;
      for (let n = 2; this.emails.has(email); n++) email = `${slug(first)}.${slug(last)}${n}@${domain}`;
      this.emails.add(email);
      contacts.push({
        email,
        name: `${first} ${last}`,
        accountId: account.id,
        role: roles[i % roles.length] as string,
      });
    }
    return contacts;
  }

  private uniqueName(industry: string, english: boolean): CompanyName {
    let name = companyName(industry, english, this.draw);
    for (let tries = 0; this.names.has(name.name) && tries < 3; tries++)
      name = companyName(industry, english, this.draw);
    for (let tries = 0; this.names.has(name.name) && tries < 3; tries++) name = disambiguate(name, this.draw);
    for (let n = 2; this.names.has(name.name); n++) name = { ...name, name: `${name.name} ${n}` };
    this.names.add(name.name);
    return name;
  }

  private domainsFor(company: CompanyName): string[] {
    const base = slug(company.stem);
    let primary = `${base}.${company.tld}`;
    for (let n = 2; this.domains.has(primary); n++) primary = `${base}${n}.${company.tld}`;
    this.domains.add(primary);
    const domains = [primary];
    if (this.draw.chance(0.25)) {
      const alt = company.tld === 'de' ? `${base}.com` : `${base}-group.com`;
      if (!this.domains.has(alt)) {
        this.domains.add(alt);
        domains.push(alt);
      }
    }
    return domains;
  }

  /** Ids for every CRM, as each shows them: Salesforce 18 characters from `001`, Dynamics a GUID, the rest digits. */
  private crmIds(): CrmIds {
    const draw = this.draw;
    const ids: CrmIds = {};
    if (draw.chance(0.97)) ids.salesforce = this.unique(() => salesforceId18(`001Dn00000${this.chars(BASE62, 5)}`));
    if (draw.chance(0.97)) ids.hubspot = this.unique(() => String(draw.int(5_000_000_000, 9_999_999_999)));
    if (draw.chance(0.97)) ids.dynamics = this.unique(() => this.guid());
    if (draw.chance(0.97)) ids.pipedrive = this.unique(() => String(draw.int(1, 999_999)));
    if (draw.chance(0.97)) ids.zoho = this.unique(() => `48768760000${this.chars('0123456789', 8)}`);
    return ids;
  }

  private unique(make: () => string): string {
    let id = make();
    while (this.ids.has(id)) id = make();
    this.ids.add(id);
    return id;
  }

  private chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.draw.random() * alphabet.length)];
    return s;
  }

  /** A version-4 GUID from the seeded source. */
  private guid(): string {
    const h = this.chars(HEX, 32).split('');
    h[12] = '4';
    h[16] = HEX[8 + (parseInt(h[16] ?? '0', 16) & 3)] as string;
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}
