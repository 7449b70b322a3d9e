import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** A WXT storage item's value, kept current when any context changes it; undefined until first read. */
export function useStorageItem<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    // Re-read on change rather than trusting the watch payload: getValue applies the fallback and migrations.
    const load = () => void item.getValue().then((v) => live && setValue(v));
    load();
    const unwatch = item.watch(load);
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
