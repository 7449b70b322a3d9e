/**
 * The demo product catalogue: an industrial-supplies wholesaler (C-parts, tools, safety, consumables), about 300 SKUs
 * in 12 categories, two of them seasonal, plus the bundles that accounts buy together so that FP-growth has real
 * rules to find.
 */
import type { Draw } from './random.ts';

export interface CategorySpec {
  code: string;
  name: string;
  /** Product stems; every stem gets one SKU per variant. */
  stems: readonly string[];
  variants: readonly string[];
  /** Unit price range in EUR. */
  price: readonly [number, number];
  /** Typical order quantity range. */
  quantity: readonly [number, number];
  margin: number;
  /** Demand multiplier per calendar month (index 0 = January); absent = flat. */
  season?: readonly number[];
}

export const CATEGORIES: readonly CategorySpec[] = [
  {
    code: 'BT',
    name: 'Befestigungstechnik',
    price: [4, 60],
    quantity: [2, 40],
    margin: 0.38,
    stems: [
      'Sechskantschraube',
      'Zylinderschraube',
      'Senkkopfschraube',
      'Holzschraube',
      'Sechskantmutter',
      'Unterlegscheibe',
      'Dübel',
      'Blindniete',
    ],
    variants: ['M6 verzinkt', 'M8 verzinkt', 'M10 A2', 'M12 A2'],
  },
  {
    code: 'WZ',
    name: 'Werkzeuge',
    price: [9, 450],
    quantity: [1, 4],
    margin: 0.27,
    stems: [
      'Akkuschrauber 18 V',
      'Bohrhammer SDS-plus',
      'Winkelschleifer 125 mm',
      'Drehmomentschlüssel',
      'Bitsatz',
      'Steckschlüsselsatz',
      'Trennscheiben 125 mm',
      'HSS-Bohrersatz',
    ],
    variants: ['Profi', 'Standard', 'Kompakt'],
  },
  {
    code: 'AS',
    name: 'Arbeitsschutz',
    price: [2, 120],
    quantity: [5, 60],
    margin: 0.35,
    stems: [
      'Schutzhandschuh Nitril',
      'Schnittschutzhandschuh',
      'Schutzbrille',
      'Gehörschutzstöpsel',
      'Atemschutzmaske FFP2',
      'Sicherheitsschuh S3',
      'Warnweste',
    ],
    variants: ['Gr. 8', 'Gr. 9', 'Gr. 10', 'Gr. 11'],
  },
  {
    code: 'RH',
    name: 'Reinigung & Hygiene',
    price: [6, 90],
    quantity: [2, 30],
    margin: 0.33,
    stems: [
      'Industriereiniger',
      'Putztuchrolle',
      'Handwaschpaste',
      'Desinfektionsmittel',
      'Müllsäcke 120 l',
      'Ölbindemittel',
    ],
    variants: ['Kleingebinde', 'Standard', 'Großgebinde', 'Vorteilspack'],
  },
  {
    code: 'VP',
    name: 'Verpackung',
    price: [3, 70],
    quantity: [5, 80],
    margin: 0.3,
    stems: ['Stretchfolie', 'Packband', 'Versandkarton', 'Luftpolsterfolie', 'Umreifungsband', 'Palettenetikett'],
    variants: ['klein', 'mittel', 'groß', 'XL'],
  },
  {
    code: 'EL',
    name: 'Elektro',
    price: [3, 180],
    quantity: [2, 25],
    margin: 0.29,
    stems: [
      'Kabelbinder',
      'Mantelleitung NYM-J 3x1,5',
      'LED-Hallenleuchte',
      'Steckdosenleiste',
      'Leitungsschutzschalter B16',
      'Verlängerungskabel',
    ],
    variants: ['Typ A', 'Typ B', 'Typ C', 'Typ D'],
  },
  {
    code: 'SM',
    name: 'Schmierstoffe',
    price: [8, 160],
    quantity: [1, 12],
    margin: 0.31,
    stems: ['Hydrauliköl HLP 46', 'Mehrzweckfett', 'Schneidöl', 'Kettenspray', 'Kriechöl', 'Getriebeöl'],
    variants: ['400 ml', '1 l', '5 l', '20 l'],
  },
  {
    code: 'PN',
    name: 'Pneumatik',
    price: [5, 240],
    quantity: [1, 15],
    margin: 0.34,
    stems: [
      'Druckluftschlauch',
      'Schnellkupplung',
      'Wartungseinheit',
      'Pneumatikzylinder',
      'Magnetventil',
      'Steckverschraubung',
    ],
    variants: ['G1/8', 'G1/4', 'G3/8', 'G1/2'],
  },
  {
    code: 'LT',
    name: 'Lagertechnik',
    price: [12, 600],
    quantity: [1, 20],
    margin: 0.24,
    stems: [
      'Fachbodenregal',
      'Sichtlagerkasten',
      'Kunststoffbehälter KLT',
      'Transportwagen',
      'Schwerlastregal',
      'Regalfachteiler',
    ],
    variants: ['Größe 1', 'Größe 2', 'Größe 3', 'Größe 4'],
  },
  {
    code: 'MT',
    name: 'Messtechnik',
    price: [9, 350],
    quantity: [1, 4],
    margin: 0.36,
    stems: [
      'Messschieber digital',
      'Bügelmessschraube',
      'Maßband',
      'Wasserwaage',
      'Multimeter',
      'Infrarot-Thermometer',
    ],
    variants: ['Basis', 'Pro', 'Premium', 'Set'],
  },
  {
    code: 'WD',
    name: 'Winterdienst',
    price: [7, 380],
    quantity: [2, 40],
    margin: 0.32,
    stems: ['Streusalz 25 kg', 'Schneeschieber', 'Splitt 25 kg', 'Streuwagen', 'Enteisungsspray', 'Eiskratzer'],
    variants: ['Standard', 'Profi', 'Großgebinde', 'Kommunal'],
    season: [3, 2.2, 0.8, 0.15, 0.05, 0.05, 0.05, 0.05, 0.3, 1.2, 2.6, 3.2],
  },
  {
    code: 'KL',
    name: 'Klima & Lüftung',
    price: [25, 900],
    quantity: [1, 6],
    margin: 0.26,
    stems: [
      'Standventilator',
      'Mobiles Klimagerät',
      'Luftentfeuchter',
      'Hallenventilator',
      'Filtermatte',
      'Deckenventilator',
    ],
    variants: ['30 cm', '40 cm', '50 cm', '60 cm'],
  },
];

export interface CatalogItem {
  sku: string;
  name: string;
  category: number;
  price: number;
  quantity: readonly [number, number];
  stem: string;
}

/** Builds the catalogue (about 300 items) with prices drawn once. O(items). */
export function buildCatalog(draw: Draw): CatalogItem[] {
  const items: CatalogItem[] = [];
  CATEGORIES.forEach((cat, c) => {
    let seq = 1000;
    for (const stem of cat.stems) {
      const base = cat.price[0] * Math.pow(cat.price[1] / cat.price[0], draw.random());
      cat.variants.forEach((variant, v) => {
        seq += 1;
        const price = Math.round(base * (1 + 0.18 * v) * 100) / 100;
        // Dear items are bought in smaller quantities than cheap ones of the same category.
        const most = Math.max(cat.quantity[0], Math.round(cat.quantity[1] * Math.sqrt(cat.price[0] / price)));
        items.push({
          sku: `${cat.code}-${seq}`,
          name: `${stem} ${variant}`,
          category: c,
          price,
          quantity: [cat.quantity[0], most],
          stem,
        });
      });
    }
  });
  return items;
}

/**
 * Bundles by stem: the first variant of each stem. Accounts that carry a bundle buy its items together; some of them
 * never buy the last item, which is what cross-sell rules recommend ("accounts that buy A and C also buy F").
 */
const BUNDLE_STEMS: readonly (readonly string[])[] = [
  ['Akkuschrauber 18 V', 'Bitsatz', 'Holzschraube'],
  ['Schutzhandschuh Nitril', 'Schutzbrille', 'Gehörschutzstöpsel'],
  ['Stretchfolie', 'Packband', 'Versandkarton', 'Palettenetikett'],
  ['Hydrauliköl HLP 46', 'Mehrzweckfett', 'Ölbindemittel'],
  ['Druckluftschlauch', 'Schnellkupplung', 'Wartungseinheit'],
  ['Winkelschleifer 125 mm', 'Trennscheiben 125 mm', 'Schnittschutzhandschuh'],
  ['Fachbodenregal', 'Sichtlagerkasten', 'Regalfachteiler'],
  ['Industriereiniger', 'Putztuchrolle', 'Handwaschpaste'],
  ['Sechskantschraube', 'Sechskantmutter', 'Unterlegscheibe'],
  ['Kabelbinder', 'Mantelleitung NYM-J 3x1,5', 'Leitungsschutzschalter B16'],
  ['Messschieber digital', 'Bügelmessschraube'],
  ['Streusalz 25 kg', 'Schneeschieber', 'Enteisungsspray'],
];

/** Bundles as catalogue indices, resolved from the stems above. */
export function buildBundles(items: readonly CatalogItem[]): number[][] {
  return BUNDLE_STEMS.map((stems) =>
    stems.map((stem) => {
      const index = items.findIndex((item) => item.stem === stem);
      if (index < 0) throw new Error(`buildBundles: stem "${stem}" is not in the catalogue`);
      return index;
    }),
  );
}
