// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../renderer/common/Markdown';
import { alice, FakeClient, groupState, proposal } from './fake-client';
import { renderApp } from './render-app';

afterEach(cleanup);

const shown = (text: string) => render(<Markdown text={text} />).container;

describe('Markdown', () => {
  it('renders headings two levels down, lists and emphasis', () => {
    const html = shown('# Plan\n\n## Steps\n\n###### Small\n\n- one\n- **two**\n\n1. first');
    expect(html.querySelector('h1, h2')).toBeNull();
    expect(html.querySelector('h3')?.textContent).toBe('Plan');
    expect(html.querySelector('h4')?.textContent).toBe('Steps');
    expect(html.querySelector('h6')?.textContent).toBe('Small');
    expect([...html.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(html.querySelector('strong')?.textContent).toBe('two');
    expect(html.querySelector('ol li')?.textContent).toBe('first');
  });

  it.each([
    ['a script block', '<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['an inline script', 'Hello <script>alert(1)</script> there', '<script>alert(1)</script>'],
    ['an image with onerror', '<img src=x onerror="alert(1)">', '<img src=x onerror="alert(1)">'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', '<iframe'],
  ])('shows %s as text, never as an element', (_, text, visible) => {
    const html = shown(text);
    expect(html.querySelector('script, img, iframe, [onerror]')).toBeNull();
    expect(html.textContent).toContain(visible);
  });

  it('opens http(s) links in a new window with no referrer or opener', () => {
    const link = shown('See [the spec](https://example.org/spec).').querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.org/spec');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer noopener');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    '#/settings',
    '/api/invoke/session:lock',
    'mailto:someone@example.org',
  ])('keeps the text of a link to %s but makes no link', (url) => {
    const html = shown(`[click me](${url})`);
    expect(html.querySelector('a')).toBeNull();
    expect(html.textContent).toBe('click me');
  });

  it('shows an image as a link to it, loading nothing', () => {
    const html = shown('![chart](https://example.org/chart.png)');
    expect(html.querySelector('img')).toBeNull();
    expect(html.querySelector('a')?.textContent).toBe('[image: chart]');
  });

  it('renders a proposal’s body on its page, keeping its lines', async () => {
    const p = proposal({ body: '## Why\n\nLine one\nLine two\n\n<script>alert(1)</script>' });
    renderApp(new FakeClient(groupState([p])).signInAs(alice), `#/proposals/${p.id}`);
    const body = await screen.findByTestId('proposal-body');
    expect(body.querySelector('h4')?.textContent).toBe('Why');
    expect(body.querySelector('p')?.textContent).toBe('Line one\nLine two');
    expect(body.querySelector('script')).toBeNull();
    expect(body.textContent).toContain('<script>alert(1)</script>');
  });
});
