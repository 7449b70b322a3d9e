import { useMemo, useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { customAdapters, siteSettings } from '../../lib/settings.ts';
import {
  exportAdapterDefinitions,
  importAdapterDefinitions,
  type CustomAdapterDefinition,
} from '../../lib/sites/custom-definitions.ts';
import { AdapterEditor } from './AdapterEditor.tsx';
import { Card } from './Card.tsx';
import { downloadText } from './download.ts';
import { requestPatterns, switchOff, updateSites, useGranted, usePendingSwitches } from './site-access.ts';
import { adapterOrigins } from './site-patterns.ts';
import { hostOf, SiteStatus } from './SiteStatus.tsx';
import { useStorageItem } from './use-storage-item.ts';

type Notice = { kind: 'good' | 'error'; text: string; details?: string[] };

function originsOf(definition: CustomAdapterDefinition): string[] {
  try {
    return adapterOrigins(definition.urlPattern);
  } catch {
    return [];
  }
}

/** Switches off those of `origins` that none of the `remaining` adapters runs on. */
async function dropOrigins(origins: readonly string[], remaining: readonly CustomAdapterDefinition[]): Promise<void> {
  const kept = new Set(remaining.flatMap(originsOf));
  const dropped = origins.filter((o) => !kept.has(o));
  if (dropped.length > 0)
    await switchOff(dropped, (s) => ({ ...s, origins: s.origins.filter((o) => !dropped.includes(o)) }));
}

/** User-defined adapters: edit, switch on (asking for host access), remove, export and import as JSON. */
export function CustomSitesSection() {
  const definitions = useStorageItem(customAdapters) ?? [];
  const settings = useStorageItem(siteSettings);
  const [editing, setEditing] = useState<CustomAdapterDefinition | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const isActive = (d: CustomAdapterDefinition) => {
    const origins = originsOf(d);
    return origins.length > 0 && origins.every((o) => settings?.origins.includes(o));
  };
  const switches = usePendingSwitches((id) => {
    const d = definitions.find((x) => x.id === id);
    return d !== undefined && isActive(d);
  }, settings);
  const patterns = useMemo(() => [...new Set(definitions.flatMap(originsOf))], [definitions]);
  const granted = useGranted(patterns);
  const failed = (e: unknown) =>
    setNotice({ kind: 'error', text: t('optAdapterFailed', e instanceof Error ? e.message : String(e)) });

  /**
   * Adds or leaves out an adapter's origins; call from the event handler itself (the request needs the gesture).
   * Resolves to whether the change was made (false when the rep refused access).
   */
  function setActive(definition: CustomAdapterDefinition, on: boolean): Promise<boolean> {
    const origins = originsOf(definition);
    if (!on) {
      return switchOff(origins, (s) => ({ ...s, origins: s.origins.filter((o) => !origins.includes(o)) })).then(
        () => true,
      );
    }
    return requestPatterns(origins).then(async (allowed) => {
      if (!allowed) {
        setNotice({ kind: 'error', text: t('optSiteDenied', definition.name) });
        return false;
      }
      await updateSites((s) => ({ ...s, origins: [...new Set([...s.origins, ...origins])] }));
      return true;
    });
  }

  function toggle(definition: CustomAdapterDefinition, on: boolean) {
    switches.start(definition.id, on);
    void setActive(definition, on)
      .then((changed) => changed || switches.drop(definition.id))
      .catch((e: unknown) => {
        switches.drop(definition.id);
        failed(e);
      });
  }

  function save(definition: CustomAdapterDefinition, enable: boolean) {
    setNotice(null);
    const previous = definitions.find((d) => d.id === definition.id);
    const activation = enable ? setActive(definition, true) : Promise.resolve(false);
    void (async () => {
      const current = await customAdapters.getValue();
      const next = previous ? current.map((d) => (d.id === definition.id ? definition : d)) : [...current, definition];
      await customAdapters.setValue(next);
      if (previous) await dropOrigins(originsOf(previous), next);
      await activation;
      setEditing(null);
      setNotice({ kind: 'good', text: t('optAdapterSaved', definition.name) });
    })().catch(failed);
  }

  async function remove(definition: CustomAdapterDefinition) {
    setNotice(null);
    const remaining = (await customAdapters.getValue()).filter((d) => d.id !== definition.id);
    await customAdapters.setValue(remaining);
    await dropOrigins(originsOf(definition), remaining);
    if (editing?.id === definition.id) setEditing(null);
  }

  async function importFile(file: File) {
    const result = importAdapterDefinitions(await file.text());
    if (!result.ok) {
      setNotice({ kind: 'error', text: t('optAdapterImportFailed', file.name), details: result.errors });
      return;
    }
    const current = await customAdapters.getValue();
    const incoming = new Map(result.definitions.map((d) => [d.id, d]));
    await customAdapters.setValue([...current.filter((d) => !incoming.has(d.id)), ...incoming.values()]);
    setNotice({ kind: 'good', text: t('optAdapterImported', String(result.definitions.length)) });
  }

  return (
    <Card id="custom" title={t('optCustomTitle')} intro={t('optCustomIntro')}>
      {definitions.length === 0 ? (
        <p class="opt-empty">{t('optCustomNone')}</p>
      ) : (
        <ul class="opt-rows" data-testid="adapter-list">
          {definitions.map((d) => {
            const origins = originsOf(d);
            const active = isActive(d);
            return (
              <li key={d.id} class="opt-row opt-row-wrap">
                <label class="opt-check">
                  <input
                    type="checkbox"
                    checked={switches.pending[d.id] ?? active}
                    disabled={settings === undefined || d.id in switches.pending}
                    onChange={(e) => toggle(d, e.currentTarget.checked)}
                    aria-label={t('optAdapterActiveFor', d.name)}
                  />
                  <span class="opt-row-title">{d.name}</span>
                </label>
                <code class="opt-row-detail">{d.urlPattern}</code>
                {active && <SiteStatus label={d.name} patterns={origins} granted={granted} />}
                <span class="opt-row-buttons">
                  <button
                    type="button"
                    class="small"
                    aria-label={t('optEditNamed', d.name)}
                    onClick={() => setEditing(d)}
                  >
                    {t('optEdit')}
                  </button>
                  <button
                    type="button"
                    class="small"
                    aria-label={t('optRemoveNamed', d.name)}
                    onClick={() => void remove(d).catch(failed)}
                  >
                    {t('optRemove')}
                  </button>
                </span>
                <span class="opt-row-note">{origins.map(hostOf).join(', ')}</span>
              </li>
            );
          })}
        </ul>
      )}
      <AdapterEditor existing={definitions} editing={editing} onSave={save} onCancelEdit={() => setEditing(null)} />
      <div class="opt-actions opt-transfer">
        <button
          type="button"
          disabled={definitions.length === 0}
          onClick={() =>
            downloadText('accountlens-sites.json', exportAdapterDefinitions(definitions), 'application/json')
          }
        >
          {t('optAdapterExport')}
        </button>
        <label class="opt-file-button">
          <input
            type="file"
            accept=".json,application/json"
            class="opt-sr-only"
            data-testid="adapter-import"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void importFile(file).catch(failed);
            }}
          />
          <span>{t('optAdapterImport')}</span>
        </label>
      </div>
      {notice && (
        <div
          class={`opt-message opt-message-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="adapter-notice"
        >
          <p>{notice.text}</p>
          {notice.details && (
            <ul class="opt-issues">
              {notice.details.map((d) => (
                <li key={d}>
                  <code>{d}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
