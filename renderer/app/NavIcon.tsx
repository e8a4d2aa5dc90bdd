/**
 * The small line icons of the places in the navigation: drawn on a 24-unit grid with the text
 * colour, so they follow the theme, and hidden from assistive technology (the link's words name it).
 */
const paths = {
  home: 'M3 11l9-8 9 8M5 9.5V21h5v-6h4v6h5V9.5',
  proposals: 'M9 6h12M9 12h12M9 18h12M4 6h1M4 12h1M4 18h1',
  new: 'M4 4h16v16H4zM12 8v8M8 12h8',
  members:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14a6 6 0 0 1 3.5 6',
  models: 'M12 2.5l8.5 4.75v9.5L12 21.5l-8.5-4.75v-9.5zM3.5 7.25L12 12l8.5-4.75M12 12v9.5',
  ownership: 'M12 3a9 9 0 1 0 9 9h-9zM15 2.5a9 9 0 0 1 6.5 6.5H15z',
  sync: 'M4 12a8 8 0 0 1 13.7-5.6L20 8.5M20 3.5v5h-5M20 12a8 8 0 0 1-13.7 5.6L4 15.5M4 20.5v-5h5',
  review: 'M3 4h18v12H3zM12 16v4M8 20h8M8 12l3-3 2 2 3-3',
  audit: 'M14 3H5v18h14V8zM14 3v5h5M8.5 14.5l2.5 2.5 4.5-4.5',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9L7 7M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1',
  groups: 'M3 6h6l2 2h10v11H3zM3 6V4h6l2 2',
} as const;

export type IconName = keyof typeof paths;

export const NavIcon = ({ name }: { name: IconName }) => (
  <svg
    className="nav-icon"
    viewBox="0 0 24 24"
    width="18"
    height="18"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.75"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <path d={paths[name]} />
  </svg>
);
