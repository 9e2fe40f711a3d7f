import { useThemeStore } from '../theme/themeStore';

const LABEL = { system: 'System', light: 'Light', dark: 'Dark' } as const;

export function ThemeToggle() {
  const { choice, cycle } = useThemeStore();
  return (
    <button type="button" onClick={cycle} aria-label={`Theme: ${LABEL[choice]} (click to change)`} title="Theme: system, light, dark">
      {LABEL[choice]} theme
    </button>
  );
}
