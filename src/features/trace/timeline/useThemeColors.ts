/**
 * Canvas drawing needs concrete colours, but the theme's CSS variables use light-dark(); the
 * browser resolves them only on real properties. So a probe element takes each variable as its
 * `color` and we read the computed value back, again whenever the theme changes.
 */
import { useEffect, useState } from 'react';
import { useThemeStore } from '../../../app/theme/themeStore';

export interface ThemeColors {
  readonly bg: string;
  readonly fg: string;
  readonly fgMuted: string;
  readonly border: string;
  readonly accent: string;
  readonly error: string;
  readonly grid: string;
}

const VARIABLES: Record<keyof ThemeColors, string> = {
  bg: '--bg',
  fg: '--fg',
  fgMuted: '--fg-muted',
  border: '--border',
  accent: '--accent',
  error: '--error',
  grid: '--border',
};

const FALLBACK: ThemeColors = {
  bg: '#ffffff',
  fg: '#1b1f24',
  fgMuted: '#5b6573',
  border: '#dde2e8',
  accent: '#2563eb',
  error: '#c62828',
  grid: '#dde2e8',
};

function resolve(): ThemeColors {
  if (typeof document === 'undefined') return FALLBACK;
  const probe = document.createElement('span');
  probe.style.display = 'none';
  document.body.appendChild(probe);
  const out: Record<string, string> = {};
  for (const [name, variable] of Object.entries(VARIABLES)) {
    probe.style.color = `var(${variable})`;
    out[name] = getComputedStyle(probe).color || FALLBACK[name as keyof ThemeColors];
  }
  probe.remove();
  return out as unknown as ThemeColors;
}

export function useThemeColors(): ThemeColors {
  const choice = useThemeStore((s) => s.choice);
  const [colors, setColors] = useState<ThemeColors>(resolve);
  useEffect(() => {
    setColors(resolve());
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = (): void => setColors(resolve());
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [choice]);
  return colors;
}
