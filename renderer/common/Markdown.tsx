import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';

/** Only web links leave the app: no javascript:, data:, file: or app-relative targets. */
const webUrl = (url: string): string | undefined => {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
};

/** The page's own title is h1 or h2, so a member's `# Heading` becomes h3 beneath it. */
const heading =
  (level: number) =>
  ({ children }: { children?: ReactNode }) => {
    const Tag = `h${Math.min(level + 2, 6)}` as 'h3';
    return <Tag>{children}</Tag>;
  };

// A new window is what Electron's main process intercepts to open the system browser, after
// its own check of the URL; in a browser it keeps the app's tab where it is.
const components: Components = {
  h1: heading(1),
  h2: heading(2),
  h3: heading(3),
  h4: heading(4),
  h5: heading(5),
  h6: heading(6),
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // The CSP loads no image from elsewhere, so an image is shown as a link to it.
  img: ({ src, alt }) => {
    const label = `image: ${alt || 'untitled'}`;
    return typeof src === 'string' && src !== '' ? (
      <a href={src} target="_blank" rel="noreferrer noopener">
        [{label}]
      </a>
    ) : (
      <span>[{label}]</span>
    );
  },
};

/**
 * Markdown written by members, shown safely: HTML in it stays text (react-markdown's default,
 * without rehype-raw), and links keep only http(s) targets.
 */
export const Markdown = ({ text }: { text: string }) => (
  <div className="markdown">
    <ReactMarkdown components={components} urlTransform={(url) => webUrl(url) ?? ''}>
      {text}
    </ReactMarkdown>
  </div>
);
