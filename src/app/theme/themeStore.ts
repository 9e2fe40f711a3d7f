import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'tracescope.theme';
const ORDER: readonly ThemeChoice[] = ['system', 'light', 'dark'];

function readStored(): ThemeChoice {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** Applies the choice to <html>; 'system' removes the attribute so the media query decides. */
function apply(choice: ThemeChoice): void {
  if (typeof document === 'undefined') return;
  if (choice === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', choice);
}

interface ThemeState {
  choice: ThemeChoice;
  cycle: () => void;
}

export const useThemeStore = create<ThemeState>((set, get) => {
  const initial = readStored();
  apply(initial);
  return {
    choice: initial,
    cycle: () => {
      const next = ORDER[(ORDER.indexOf(get().choice) + 1) % ORDER.length] ?? 'system';
      localStorage.setItem(STORAGE_KEY, next);
      apply(next);
      set({ choice: next });
    },
  };
});
