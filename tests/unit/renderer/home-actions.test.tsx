// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HomeView } from '../../../renderer/home/HomeView';
import { MemoryGroup } from '../../helpers/memory-group';
import { ann, ben, cat, MemoryClient, renderAlone, transferGroup } from './decide-fake';

afterEach(cleanup);

const items = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('Home', () => {
  it('lists provisional closes the member may certify under "Needs your certification"', async () => {
    const g = new MemoryGroup([ann, ben, cat]);
    const p = g.propose(ann, 1, 'resolution', {}, 'Buy a GPU');
    for (const s of [ann, ben, cat]) g.vote(s, 2, p, 'yes');
    g.close(ann, 100, p);
    const close = g.derive().proposals[0]!.winningClose!;
    g.certify(ann, 101, p, close);
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(ben), <HomeView />);
    expect(screen.getByRole('heading', { name: 'Needs your certification' })).toBeDefined();
    expect(
      screen.getByRole('link', { name: 'Needs your certification' }).getAttribute('href'),
    ).toBe(`#/proposals/${p}`);
    expect(items('home-certify')).toEqual([
      'Buy a GPU Passed 3–0, quorum met · 1 of 3 members certified (Ann); 1 more needed to make it final.',
    ]);
    expect(screen.getAllByText('provisional')[0]?.getAttribute('title')).toMatch(
      /^provisional: counted, but not final/,
    );
    cleanup();
    // Ann certified already: nothing asks her.
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(ann), <HomeView />);
    expect(screen.queryByRole('heading', { name: 'Needs your certification' })).toBeNull();
  });

  it('asks for no vote from someone signed in who is not a member', async () => {
    const g = new MemoryGroup([ann, ben, cat]);
    g.propose(ann, 1, 'resolution', {}, 'Buy a GPU');
    const member = new MemoryClient(g, [ann, ben, cat]).as(ben);
    await renderAlone(member, <HomeView />);
    expect(screen.getByRole('heading', { name: 'Waiting for your vote' })).toBeDefined();
    cleanup();
    const outsider = new MemoryClient(g, [ann, ben, cat]).as(ben);
    outsider.session = { ...outsider.session, member: false };
    await renderAlone(outsider, <HomeView />);
    expect(screen.queryByRole('heading', { name: 'Waiting for your vote' })).toBeNull();
    expect(screen.queryByText('Nothing waits for your vote.')).toBeNull();
  });

  it('asks the giver for consent, tells the others it waits, and flags it ready to close', async () => {
    const { g, p } = transferGroup();
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(ann), <HomeView />);
    expect(items('home-consent')).toEqual([
      'Cat gets a stake Consent to give 10 shares of Tiny GPT to Cat?',
    ]);
    expect(items('home-ready')).toEqual([
      "Ready to close Cat gets a stake its deadline passed; waiting for Ann's consent",
    ]);
    expect(within(screen.getByTestId('home-ready')).getByRole('link').getAttribute('href')).toBe(
      `#/proposals/${p}`,
    );
    cleanup();
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(cat), <HomeView />);
    expect(items('home-consent')).toEqual(["Cat gets a stake waiting for Ann's consent"]);
  });

  it('shows no consent item once the giver consented, and flags a vote everyone cast', async () => {
    const { g, p } = transferGroup();
    g.consent(ann, 30, p);
    // Before its deadline (hour 92): ready only because both owners voted.
    await renderAlone(new MemoryClient(g, [ann, ben, cat], 50).as(cat), <HomeView />);
    expect(screen.queryByTestId('home-consent')).toBeNull();
    expect(items('home-ready')).toEqual(['Ready to close Cat gets a stake everyone voted']);
  });

  it('gives a new group its next steps, with links', async () => {
    const g = new MemoryGroup([ann]);
    await renderAlone(new MemoryClient(g, [ann]).as(ann), <HomeView />);
    const next = screen.getByTestId('home-next');
    const links = within(next)
      .getAllByRole('link')
      .map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Add a member', '#/new'],
      ['Register a model', '#/models'],
      ['Invite and sync', '#/sync'],
      ['Make a first proposal', '#/new'],
    ]);
    expect(within(next).getByRole('link', { name: 'Add a member' }).className).toBe('primary');
    expect(screen.queryByTestId('home-ready')).toBeNull();
  });
});
