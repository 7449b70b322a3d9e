/**
 * Names for the demo data: German companies with their legal forms (and some English ones), their domains, the
 * people who work there and the supplier's sales reps. All draws come from the injected source.
 */
import type { Draw } from './random.ts';

const SURNAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Schmitz',
  'Krause',
  'Meier',
  'Lehmann',
  'Schulze',
  'Maier',
  'Köhler',
  'Herrmann',
  'König',
  'Walter',
  'Huber',
  'Kaiser',
  'Fuchs',
  'Peters',
  'Scholz',
  'Möller',
  'Weiß',
  'Jung',
  'Hahn',
  'Schubert',
  'Vogel',
  'Friedrich',
  'Keller',
  'Günther',
  'Berger',
  'Winkler',
  'Roth',
  'Beck',
  'Lorenz',
  'Baumann',
  'Franke',
  'Albrecht',
  'Schuster',
  'Ludwig',
  'Böhm',
  'Winter',
  'Kraus',
  'Schumacher',
  'Krämer',
  'Vogt',
  'Stein',
  'Jäger',
  'Sommer',
  'Groß',
  'Seidel',
  'Heinrich',
  'Brandt',
  'Haas',
  'Graf',
  'Dietrich',
  'Ziegler',
  'Kühn',
  'Pohl',
  'Engel',
  'Horn',
  'Busch',
  'Bergmann',
  'Voigt',
  'Sauer',
  'Arnold',
  'Pfeiffer',
  'Lindner',
  'Ebert',
  'Kuhn',
];
const FIRST_NAMES = [
  'Anna',
  'Lena',
  'Julia',
  'Sarah',
  'Laura',
  'Katharina',
  'Sabine',
  'Petra',
  'Claudia',
  'Jana',
  'Miriam',
  'Jörg',
  'Thomas',
  'Michael',
  'Andreas',
  'Stefan',
  'Markus',
  'Jürgen',
  'Frank',
  'Tobias',
  'Jan',
  'Matthias',
  'Sören',
  'Uwe',
  'Christian',
  'Daniel',
  'Alexander',
  'Martina',
  'Birgit',
  'Özlem',
  'Mehmet',
  'Nicole',
  'Ralf',
  'Dirk',
  'Björn',
];
const TRADES: Record<string, readonly string[]> = {
  Maschinenbau: ['Maschinenbau', 'Anlagenbau', 'Antriebstechnik', 'Fördertechnik', 'Sondermaschinen'],
  Automobilzulieferer: ['Präzisionsteile', 'Fahrzeugtechnik', 'Zerspanungstechnik', 'Umformtechnik'],
  Bauwesen: ['Bau', 'Hochbau', 'Tiefbau', 'Holzbau', 'Bauunternehmung'],
  Chemie: ['Chemie', 'Lacke', 'Kunststoffe', 'Spezialchemie'],
  Elektrotechnik: ['Elektrotechnik', 'Elektroanlagen', 'Schaltanlagenbau', 'Automation'],
  Lebensmittel: ['Lebensmittel', 'Feinkost', 'Backwaren', 'Fleischwaren', 'Molkerei'],
  Logistik: ['Logistik', 'Spedition', 'Transporte', 'Lagerlogistik'],
  Metallverarbeitung: ['Metallbau', 'Stahlbau', 'Blechtechnik', 'Oberflächentechnik', 'Gießerei'],
  Kunststoffverarbeitung: ['Kunststofftechnik', 'Spritzguss', 'Verpackungen'],
  Handwerk: ['Haustechnik', 'Sanitär', 'Schreinerei', 'Dachtechnik'],
  Energie: ['Energietechnik', 'Solartechnik', 'Stadtwerke', 'Netzservice'],
  Medizintechnik: ['Medizintechnik', 'Labortechnik', 'Orthopädietechnik'],
};
export const INDUSTRIES = Object.keys(TRADES);
const BRAND_HEADS = [
  'Rhein',
  'Nord',
  'Süd',
  'Alpen',
  'Elb',
  'Main',
  'Isar',
  'Weser',
  'Spree',
  'Donau',
  'Harz',
  'Ruhr',
  'Saar',
  'Neckar',
  'Mosel',
  'Hansa',
  'Baltic',
  'Eifel',
];
const BRAND_TAILS = [
  'stahl',
  'tec',
  'metall',
  'plast',
  'bau',
  'werk',
  'tronic',
  'form',
  'motion',
  'systeme',
  'pack',
  'therm',
];
const CITIES = [
  'Augsburg',
  'Bielefeld',
  'Chemnitz',
  'Dortmund',
  'Erfurt',
  'Freiburg',
  'Göttingen',
  'Hannover',
  'Ingolstadt',
  'Kassel',
  'Leipzig',
  'Mannheim',
  'Nürnberg',
  'Osnabrück',
  'Paderborn',
  'Regensburg',
  'Siegen',
  'Ulm',
  'Wuppertal',
  'Zwickau',
];
const LEGAL_FORMS = ['GmbH', 'GmbH & Co. KG', 'AG', 'KG', 'SE', 'OHG', 'e.K.', 'UG (haftungsbeschränkt)'];
const LEGAL_WEIGHTS = [55, 20, 8, 7, 2, 3, 3, 2];
const EN_HEADS = [
  'Summit',
  'Bridgeport',
  'Northfield',
  'Crestline',
  'Ironbridge',
  'Harbor',
  'Pinewood',
  'Redstone',
  'Silverline',
  'Westbrook',
  'Oakridge',
  'Lakeside',
];
const EN_TAILS = [
  'Industries',
  'Manufacturing',
  'Engineering',
  'Logistics',
  'Tooling',
  'Components',
  'Systems',
  'Supply',
  'Fabrication',
];
const EN_FORMS = ['Ltd', 'Inc', 'LLC', 'plc'];

export const REGIONS = ['Nord', 'Süd', 'West', 'Ost', 'Mitte'];
export const INTERNATIONAL = 'International';
const REP_NAMES = [
  'lena.vogt',
  'jan.peters',
  'miriam.albrecht',
  'tobias.keller',
  'sabine.horn',
  'uwe.brandt',
  'julia.ebert',
  'soeren.lindner',
  'nicole.franke',
  'dirk.busch',
  'claudia.pohl',
  'markus.engel',
];
const REP_DOMAIN = 'haendler.example';

/** Two sales reps per region, one for international accounts. */
export function ownerEmail(region: string, draw: Draw): string {
  const r = region === INTERNATIONAL ? REGIONS.length : REGIONS.indexOf(region);
  const name = r === REGIONS.length ? REP_NAMES[10] : REP_NAMES[2 * r + (draw.chance(0.5) ? 1 : 0)];
  return `${name}@${REP_DOMAIN}`;
}

/** ASCII slug for domains and emails: umlauts transliterated, other characters dropped. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' und ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface CompanyName {
  name: string;
  /** The name without the legal form, for the domain. */
  stem: string;
  tld: string;
  english: boolean;
}

/** A company name for the industry; English ones are Ltd/Inc/LLC/plc with a .com or .co.uk domain. */
export function companyName(industry: string, english: boolean, draw: Draw): CompanyName {
  if (english) {
    const stem = `${draw.pick(EN_HEADS)} ${draw.pick(EN_TAILS)}`;
    const form = draw.pick(EN_FORMS);
    return { name: `${stem} ${form}`, stem, tld: form === 'Ltd' || form === 'plc' ? 'co.uk' : 'com', english };
  }
  const trade = draw.pick(TRADES[industry] ?? ['Handel']);
  const form = draw.weighted(LEGAL_FORMS, LEGAL_WEIGHTS);
  const kind = draw.int(0, 9);
  let stem: string;
  if (kind < 4) stem = `${draw.pick(SURNAMES)} ${trade}`;
  else if (kind < 6) stem = `${draw.pick(SURNAMES)} & ${draw.pick(SURNAMES)}`;
  else if (kind < 7) stem = `${draw.pick(SURNAMES)} & Söhne`;
  else if (kind < 9) stem = `${draw.pick(BRAND_HEADS)}${draw.pick(BRAND_TAILS)}`;
  else stem = `${trade} ${draw.pick(CITIES)}`;
  return { name: `${stem} ${form}`, stem, tld: draw.chance(0.9) ? 'de' : 'com', english };
}

/** A variant of a taken name: a city is what real registers use to tell equal names apart. */
export function disambiguate(name: CompanyName, draw: Draw): CompanyName {
  const city = draw.pick(CITIES);
  const form = name.name.slice(name.stem.length + 1);
  const stem = `${name.stem} ${city}`;
  return { ...name, stem, name: `${stem} ${form}` };
}

export const ROLES_DE = ['Einkauf', 'Geschäftsführung', 'Technik', 'Buchhaltung', 'Lager', 'Instandhaltung'];
export const ROLES_EN = [
  'Purchasing',
  'Managing Director',
  'Engineering',
  'Accounts Payable',
  'Warehouse',
  'Maintenance',
];

export function personName(draw: Draw): { first: string; last: string } {
  return { first: draw.pick(FIRST_NAMES), last: draw.pick(SURNAMES) };
}
