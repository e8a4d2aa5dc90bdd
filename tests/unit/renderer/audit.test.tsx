// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alice } from './fake-client';
import { renderApp } from './render-app';
import { HostFake } from './review-fake';

const decisions =
  'proposal,title,status\r\n1111,"Buy a GPU, two",passed\r\n2222,"Say ""hi""\r\nthen go",rejected\r\n';
const votes = 'vote,voter,choice\r\n';

let made: Blob[] = [];
let revoked: string[] = [];
beforeEach(() => {
  made = [];
  revoked = [];
  // jsdom has no object URLs: count what is made and revoked.
  URL.createObjectURL = vi.fn((blob: Blob) => `blob:test/${made.push(blob)}`);
  URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
});
afterEach(cleanup);

const client = () => {
  const c = new HostFake().signInAs(alice);
  c.auditFiles = [
    { name: 'decisions.csv', content: decisions },
    { name: 'votes.csv', content: votes },
  ];
  return c;
};

describe('AuditView', () => {
  it('exports a date range as CSV, offers each file as a download and previews the rows', async () => {
    const c = client();
    renderApp(c, '#/audit');
    fireEvent.change(await screen.findByTestId('audit-from'), { target: { value: '2026-01-01' } });
    fireEvent.click(screen.getByTestId('audit-submit'));
    await waitFor(() => expect(screen.getAllByTestId('audit-file')).toHaveLength(2));
    expect(c.callsTo('audit:export')).toEqual([{ format: 'csv', from: '2026-01-01' }]);
    const links = screen.getAllByTestId('audit-file');
    expect(links.map((a) => [a.getAttribute('download'), a.getAttribute('href')])).toEqual([
      ['decisions.csv', 'blob:test/1'],
      ['votes.csv', 'blob:test/2'],
    ]);
    expect(await made[0]!.text()).toBe(decisions);
    const [table] = screen.getAllByTestId('audit-preview');
    const rows = [...table!.querySelectorAll('tr')].map((r) =>
      [...r.querySelectorAll('th, td')].map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['proposal', 'title', 'status'],
      ['1111', 'Buy a GPU, two', 'passed'],
      ['2222', 'Say "hi"\r\nthen go', 'rejected'],
    ]);
  });

  it('revokes the old downloads when a new export replaces them', async () => {
    const c = client();
    renderApp(c, '#/audit');
    fireEvent.click(await screen.findByTestId('audit-submit'));
    await waitFor(() => expect(screen.getAllByTestId('audit-file')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('audit-format'), { target: { value: 'html' } });
    c.auditFiles = [{ name: 'audit.html', content: '<!DOCTYPE html><title>x</title>' }];
    fireEvent.click(screen.getByTestId('audit-submit'));
    await waitFor(() => expect(screen.getAllByTestId('audit-file')).toHaveLength(1));
    expect(c.callsTo('audit:export')[1]).toEqual({ format: 'html' });
    expect(revoked).toEqual(['blob:test/1', 'blob:test/2']);
    expect(screen.queryByTestId('audit-preview')).toBeNull();
    expect(screen.getByText('Choose CSV to preview the rows here.')).toBeDefined();
  });

  it('shows the server’s reason when the range is refused', async () => {
    const c = client();
    c.failNext.set('audit:export', {
      code: 'invalid-argument',
      message: 'the range ends before it starts',
      data: {},
    });
    renderApp(c, '#/audit');
    fireEvent.click(await screen.findByTestId('audit-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe('the range ends before it starts');
    expect(screen.queryByTestId('audit-file')).toBeNull();
  });

  it('confirms what was exported: the format, the period and each file with its rows and size', async () => {
    const c = client();
    renderApp(c, '#/audit');
    fireEvent.change(await screen.findByTestId('audit-from'), { target: { value: '2026-01-01' } });
    fireEvent.click(screen.getByTestId('audit-submit'));
    expect((await screen.findByRole('status')).textContent).toMatch(
      /^Exported 2 CSV files for 2026-01-01 to the latest change: decisions\.csv \(2 rows, \d+ B\), votes\.csv \(0 rows, \d+ B\)\. Click a file below to save it\.$/,
    );
    fireEvent.change(screen.getByTestId('audit-from'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('audit-format'), { target: { value: 'html' } });
    c.auditFiles = [{ name: 'audit.html', content: '<!DOCTYPE html><title>x</title>' }];
    fireEvent.click(screen.getByTestId('audit-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('audit-exported').textContent).toBe(
        'Exported one HTML page for the whole history: audit.html (31 B). Click a file below to save it, then open it in a browser to read or print it.',
      ),
    );
  });

  it('makes Export the one primary action', async () => {
    renderApp(client(), '#/audit');
    await screen.findByTestId('audit-submit');
    const primary = [...document.querySelectorAll('main .primary')];
    expect(primary.map((b) => b.textContent)).toEqual(['Export']);
  });
});
