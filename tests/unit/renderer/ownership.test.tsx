// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, FakeClient } from './fake-client';
import {
  ownershipState,
  registerClose,
  registerId,
  transferClose,
  transferId,
} from './ownership-fixture';
import { renderApp } from './render-app';

afterEach(cleanup);

const rows = () =>
  screen
    .getAllByTestId('ownership-owner')
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

describe('OwnershipView', () => {
  it('shows current shares by owner, largest first, with percentages', async () => {
    renderApp(new FakeClient(ownershipState()).signInAs(alice), '#/ownership');
    await screen.findByTestId('ownership-table');
    expect(rows()).toEqual([
      ['Alice', '70', '70%'],
      ['Bob', '30', '30%'],
    ]);
    // The chart is drawn as SVG beside the table, one sector per owner.
    expect(document.querySelectorAll('.shares-chart .share-slice').length).toBe(2);
  });

  it('lists every change newest first, linked to its proposal and the close that applied it', async () => {
    renderApp(new FakeClient(ownershipState()).signInAs(alice), '#/ownership');
    const changes = await screen.findAllByTestId('ownership-change');
    expect(changes.map((c) => c.textContent)).toEqual([
      expect.stringMatching(/10 shares from Bob to Alice.*Ten shares for Alice.*Alice 70 \(70%\)/),
      expect.stringMatching(/Registered.*Register Tiny BERT.*Alice 60 \(60%\), Bob 40 \(40%\)/),
    ]);
    const links = screen.getAllByTestId('ownership-proposal').map((a) => a.getAttribute('href'));
    expect(links).toEqual([`#/proposals/${transferId}`, `#/proposals/${registerId}`]);
    const closes = screen.getAllByTestId('ownership-close').map((c) => c.getAttribute('title'));
    expect(closes).toEqual([transferClose, registerClose]);
  });

  it('switches model from the picker', async () => {
    renderApp(new FakeClient(ownershipState()).signInAs(alice), '#/ownership');
    const picker = await screen.findByTestId('ownership-model');
    fireEvent.change(picker, { target: { value: 'other' } });
    expect(rows()).toEqual([['Carol', '1', '100%']]);
    expect(screen.getByText('No changes recorded.')).toBeDefined();
  });

  it('says so when no model is registered', async () => {
    renderApp(new FakeClient({ ...ownershipState(), models: [] }).signInAs(alice), '#/ownership');
    expect(await screen.findByText('No models registered yet.')).toBeDefined();
  });
});
