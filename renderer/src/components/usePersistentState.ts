import { useEffect, useState } from 'react';

/**
 * State that survives leaving the page and coming back (filters, chosen columns): kept in this
 * window's sessionStorage, so it is gone when the window closes and never shared between users.
 * With `key` null it is plain state (gone with the page).
 */
export function usePersistentState<T>(key: string | null, initial: T): [T, (next: T | ((prev: T) => T)) => void] {
  const storageKey = key === null ? null : `gd:${key}`;
  const [value, setValue] = useState<T>(() => {
    if (storageKey === null) return initial;
    try {
      const stored = window.sessionStorage.getItem(storageKey);
      return stored === null ? initial : ({ ...initial, ...(JSON.parse(stored) as T) } as T);
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    if (storageKey === null) return;
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // storage full or unavailable: the state still works for this visit
    }
  }, [storageKey, value]);
  return [value, setValue];
}
