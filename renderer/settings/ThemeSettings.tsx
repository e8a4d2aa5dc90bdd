import { useState } from 'react';
import { chooseTheme, storedTheme, themes, type Theme } from './theme';

const labels: Record<Theme, string> = {
  system: 'Follow the system',
  light: 'Light',
  dark: 'Dark',
};

export const ThemeSettings = () => {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const choose = (next: Theme) => {
    chooseTheme(next);
    setTheme(next);
  };
  return (
    <section className="card stack" aria-labelledby="settings-theme">
      <h2 id="settings-theme">Appearance</h2>
      <fieldset className="buttons">
        <legend>Theme</legend>
        {themes.map((t) => (
          <label key={t} className="option">
            <input
              type="radio"
              name="theme"
              value={t}
              data-testid={`theme-${t}`}
              checked={theme === t}
              onChange={() => choose(t)}
            />
            {labels[t]}
          </label>
        ))}
      </fieldset>
    </section>
  );
};
