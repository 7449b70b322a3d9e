/**
 * Team site definitions and "this page is wrong" reports (issue 16) in the hub's database. Definitions are
 * hub-wide; every publish or removal raises one version that GET /v1/sites answers with, so the extension can
 * tell whether anything changed. A publish is all or nothing: a file with any problem publishes nothing.
 */
import type { Database } from './db/database.ts';
import { parseTeamSiteDocument, type TeamSiteDefinition, type TeamSiteFileResult } from '../../lib/sites/team-sites.ts';
import type { SiteReport } from '../../lib/sites/site-report.ts';

export interface PublishedSite {
  definition: TeamSiteDefinition;
  publishedBy: string | null;
  publishedAt: string;
}

export class SiteFileError extends Error {
  constructor(readonly errors: string[]) {
    super(
      `the site definitions file has ${errors.length} problem(s), nothing was published:\n  ${errors.join('\n  ')}`,
    );
  }
}

/**
 * Publishes every definition in the file (replacing those with the same id; others stay).
 * @throws {SiteFileError} naming every problem; nothing is published then
 */
export async function publishSites(
  db: Database,
  document: unknown,
  userId: number | null,
): Promise<{ version: number; published: string[] }> {
  const parsed: TeamSiteFileResult = parseTeamSiteDocument(document);
  if (!parsed.ok) throw new SiteFileError(parsed.errors);
  return db.transaction(async (tx) => {
    for (const d of parsed.definitions) {
      const body = d.kind === 'adapter' ? d.adapter : d.override;
      await tx.query(
        `INSERT INTO site_definitions (id, kind, definition, published_by) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (id) DO UPDATE SET kind = $2, definition = $3, published_by = $4, published_at = now()`,
        [d.id, d.kind, JSON.stringify(body), userId],
      );
    }
    const [row] = await tx.query<{ version: number }>(
      'UPDATE site_meta SET version = version + 1 WHERE id = 1 RETURNING version',
    );
    return { version: Number(row!.version), published: parsed.definitions.map((d) => d.id) };
  });
}

/** Removes one definition; false when there is none with that id. */
export async function removeSite(db: Database, id: string): Promise<{ removed: boolean; version: number }> {
  return db.transaction(async (tx) => {
    const gone = await tx.query<{ id: string }>('DELETE FROM site_definitions WHERE id = $1 RETURNING id', [id]);
    if (gone.length === 0) return { removed: false, version: await siteVersion(tx) };
    const [row] = await tx.query<{ version: number }>(
      'UPDATE site_meta SET version = version + 1 WHERE id = 1 RETURNING version',
    );
    return { removed: true, version: Number(row!.version) };
  });
}

async function siteVersion(db: Pick<Database, 'query'>): Promise<number> {
  const [row] = await db.query<{ version: number }>('SELECT version FROM site_meta WHERE id = 1');
  return Number(row?.version ?? 0);
}

export async function listSites(db: Database): Promise<{ version: number; sites: PublishedSite[] }> {
  const rows = await db.query<{
    id: string;
    kind: 'adapter' | 'override';
    definition: unknown;
    email: string | null;
    published_at: Date | string;
  }>(
    `SELECT s.id, s.kind, s.definition, u.email, s.published_at FROM site_definitions s
     LEFT JOIN users u ON u.id = s.published_by ORDER BY s.kind, s.id`,
  );
  const sites = rows.map((r) => {
    const body = typeof r.definition === 'string' ? (JSON.parse(r.definition) as unknown) : r.definition;
    const definition = (
      r.kind === 'adapter' ? { id: r.id, kind: r.kind, adapter: body } : { id: r.id, kind: r.kind, override: body }
    ) as TeamSiteDefinition;
    return { definition, publishedBy: r.email, publishedAt: new Date(r.published_at).toISOString() };
  });
  return { version: await siteVersion(db), sites };
}

/** Stores reports (a report sent twice, e.g. after a lost answer, is kept once). */
export async function addSiteReports(db: Database, userId: number, reports: readonly SiteReport[]): Promise<number> {
  let added = 0;
  await db.transaction(async (tx) => {
    for (const r of reports) {
      const rows = await tx.query(
        `INSERT INTO site_reports (id, user_id, adapter, origin, path_pattern, extension_version, report)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [r.id, userId, r.adapter, r.origin, r.pathPattern, r.extensionVersion, JSON.stringify(r)],
      );
      added += rows.length;
    }
  });
  return added;
}

export interface SiteReportGroup {
  adapter: string;
  origin: string;
  count: number;
  reporters: number;
  lastSeen: string;
  lastVersion: string;
  paths: string[];
  brokenHooks: string[];
}

/** Reports grouped by site (adapter and origin), the most recent first. */
export async function siteReportGroups(db: Database): Promise<SiteReportGroup[]> {
  const rows = await db.query<{
    adapter: string;
    origin: string;
    path_pattern: string;
    extension_version: string;
    user_id: number;
    report: unknown;
    received_at: Date | string;
  }>(
    'SELECT adapter, origin, path_pattern, extension_version, user_id, report, received_at FROM site_reports ORDER BY received_at, id',
  );
  const groups = new Map<string, SiteReportGroup & { users: Set<number> }>();
  for (const r of rows) {
    const key = `${r.adapter} ${r.origin}`;
    const g = groups.get(key) ?? {
      adapter: r.adapter,
      origin: r.origin,
      count: 0,
      reporters: 0,
      lastSeen: '',
      lastVersion: '',
      paths: [],
      brokenHooks: [],
      users: new Set<number>(),
    };
    g.count += 1;
    g.users.add(Number(r.user_id));
    g.lastSeen = new Date(r.received_at).toISOString();
    g.lastVersion = r.extension_version;
    if (!g.paths.includes(r.path_pattern)) g.paths.push(r.path_pattern);
    const report = (typeof r.report === 'string' ? JSON.parse(r.report) : r.report) as SiteReport;
    for (const h of report.brokenHooks ?? []) if (!g.brokenHooks.includes(h.selector)) g.brokenHooks.push(h.selector);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(({ users, ...g }) => ({ ...g, reporters: users.size }))
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
}
