/** The colour theme: a UI preference kept in this browser, applied as `<html data-theme>`. */
export type Theme = 'light' | 'dark' | 'system';

export const themes: readonly Theme[] = ['system', 'light', 'dark'];

const KEY = 'steward.theme';

const isTheme = (value: unknown): value is Theme =>
  typeof value === 'string' && (themes as readonly string[]).includes(value);

export const storedTheme = (): Theme => {
  const value = window.localStorage.getItem(KEY);
  return isTheme(value) ? value : 'system';
};

/** 'system' removes the attribute, so the stylesheet follows prefers-color-scheme. */
export const applyTheme = (theme: Theme): void => {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
};

export const chooseTheme = (theme: Theme): void => {
  if (theme === 'system') window.localStorage.removeItem(KEY);
  else window.localStorage.setItem(KEY, theme);
  applyTheme(theme);
};
