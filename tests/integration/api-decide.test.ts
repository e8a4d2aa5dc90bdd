/**
 * Finishing a decision through the app's contract over `steward serve`: the giver's consent to a
 * transfer, and certifying a close until it is final. Each is checked against the state the CLI
 * derives from the same repo, and each refusal is a 4xx with a reason, with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupSnapshot, SessionView } from '../../shared/api-channels';
import type { ProposalView } from '../../shared/derive/state';
import { ApiClient, UiGroup } from '../helpers/ui-group';

describe('certify and consent through the API', () => {
  const g = new UiGroup();
  let alice: ApiClient;
  let bob: ApiClient;
  let carol: ApiClient;
  const now = () => new Date(Date.now() - 1000).toISOString();

  /** The proposal as `steward show --json` derives it from the repo. */
  const shown = (id: string) => g.people.alice.json<ProposalView>(now(), 'show', id);

  const headOf = async (c: ApiClient) => (await c.ok<GroupSnapshot>('group:get')).head;

  /**
   * The CLI runs synchronously and holds this process's event loop: a kept-alive socket the
   * server closed meanwhile is only seen closed once the loop turns, so let it turn before a call.
   */
  const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

  beforeAll(async () => {
    await g.start();
    alice = await new ApiClient(g.url).asHost(g.hostUrl);
    await alice.ok<SessionView>('session:unlock', { passphrase: g.people.alice.passphrase });
    bob = new ApiClient(g.url);
    await bob.ok('session:unlockFile', {
      identity: g.identityFile('bob'),
      passphrase: g.people.bob.passphrase,
    });
    carol = new ApiClient(g.url);
    await carol.ok('session:unlockFile', {
      identity: g.identityFile('carol'),
      passphrase: g.people.carol.passphrase,
    });
    const { alice: a, bob: b } = g.people;
    const { id } = a.json<{ id: string }>(
      now(),
      'propose',
      'register-model',
      '--title',
      'Register Tiny GPT',
      '--model',
      'tiny-gpt',
      '--name',
      'Tiny GPT',
      '--license',
      'MIT',
      '--owner',
      'Alice=60',
      '--owner',
      'Bob=40',
    );
    a.json(now(), 'vote', id, 'yes');
    b.json(now(), 'vote', id, 'yes');
    a.json(now(), 'close', id);
  }, 120_000);

  afterAll(() => g.close());

  it('takes the giver’s consent alone, once the transfer is open', async () => {
    const { id } = g.people.alice.json<{ id: string }>(
      now(),
      'propose',
      'transfer-shares',
      '--title',
      'Give Bob ten shares',
      '--model',
      'tiny-gpt',
      '--from',
      'Alice',
      '--to',
      'Bob',
      '--shares',
      '10',
    );
    await turn();
    const before = await headOf(alice);
    const byBob = await bob.call('proposals:consent', { proposal: id });
    expect(byBob.status).toBe(403);
    expect(byBob.body.error?.message).toMatch(/only the member giving the shares/);
    const byCarol = await carol.call('proposals:consent', { proposal: id });
    expect(byCarol.status).toBeGreaterThanOrEqual(400);
    expect(byCarol.status).toBeLessThan(500);
    expect(await headOf(alice)).toBe(before);
    expect(shown(id).consents).toEqual([]);

    const written = await alice.ok<{ id: string; proposal: ProposalView }>('proposals:consent', {
      proposal: id,
    });
    // The giver's consent statement is the proposal's consent, in the app and in the CLI alike.
    expect(written.proposal.consents).toEqual([written.id]);
    expect(shown(id).consents).toEqual([written.id]);
    // A resolution takes no consent.
    const { id: resolution } = g.people.alice.json<{ id: string }>(
      now(),
      'propose',
      'resolution',
      '--title',
      'Meet on Thursdays',
    );
    await turn();
    const wrongKind = await alice.call('proposals:consent', { proposal: resolution });
    expect(wrongKind).toMatchObject({ status: 400, body: { error: { code: 'invalid-argument' } } });
  });

  it('certifies the winning close until it is final, and refuses a second or an outsider', async () => {
    const { alice: a, bob: b } = g.people;
    const { id } = a.json<{ id: string }>(now(), 'propose', 'resolution', '--title', 'Paint it');
    await turn();
    const early = await alice.call('proposals:certify', { proposal: id });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'proposal-open' } } });
    a.json(now(), 'vote', id, 'yes');
    b.json(now(), 'vote', id, 'no');
    a.json(now(), 'close', id);
    expect(shown(id)).toMatchObject({ final: false });
    await turn();

    const first = await alice.ok<{ proposal: ProposalView }>('proposals:certify', { proposal: id });
    // One of two equal weights is not more than half: still provisional.
    expect(first.proposal.final).toBe(false);
    expect(first.proposal.closes[0]!.certifiedBy).toHaveLength(1);
    const again = await alice.call('proposals:certify', { proposal: id });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/already certified/);
    const outsider = await carol.call('proposals:certify', { proposal: id });
    expect(outsider.status).toBeGreaterThanOrEqual(400);
    expect(outsider.status).toBeLessThan(500);

    await turn();
    const second = await bob.ok<{ proposal: ProposalView }>('proposals:certify', { proposal: id });
    expect(second.proposal.final).toBe(true);
    const cli = shown(id);
    expect(cli.final).toBe(true);
    expect(cli.status).toBe(second.proposal.status);
    expect([...cli.closes[0]!.certifiedBy].sort()).toEqual(
      [...second.proposal.closes[0]!.certifiedBy].sort(),
    );
  });

  it('checks the argument before anything runs', async () => {
    for (const arg of [{}, { proposal: 'nope' }, { proposal: 'abcdef12', extra: 1 }]) {
      expect((await alice.call('proposals:certify', arg)).status).toBe(400);
      expect((await alice.call('proposals:consent', arg)).status).toBe(400);
    }
    const unknown = await alice.call('proposals:certify', { proposal: 'abcdef12' });
    expect(unknown.status).toBe(404);
  });
});
