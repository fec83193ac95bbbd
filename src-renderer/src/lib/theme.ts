import type { DeskSettings } from '../../../src-shared/contract';

/** Puts the desk's theme on <html>; "system" leaves it to prefers-color-scheme in the CSS. */
export function applyTheme(theme: DeskSettings['theme']): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
