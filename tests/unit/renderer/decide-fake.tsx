/**
 * A fake client whose state is derived from real signed statements (tests/helpers/memory-group):
 * certify, consent, close and vote write statements as the CLI would and the state is derived
 * again, so the UI is tested against what derivation really says. `renderAlone` renders one view
 * over the app's stores, loaded, without the shell around it.
 */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { RequestChannel, Requests } from '../../../shared/api-channels';
import type { Signer } from '../../../electron/core/identity/keystore';
import { StoresContext } from '../../../renderer/app/StoresContext';
import { createStores } from '../../../renderer/app/stores';
import { makeSigner, MemoryGroup } from '../../helpers/memory-group';
import { FakeClient } from './fake-client';

export const identityOf = (s: Signer) => ({ id: s.id, name: s.name, publicKey: s.publicKey });

export class MemoryClient extends FakeClient {
  /** Hours after the group's start: statements are dated by it, and state derived at it. */
  clock: number;

  constructor(
    readonly memory: MemoryGroup,
    readonly signers: Signer[],
    readonly nowHours = 1000,
  ) {
    super(memory.derive(nowHours));
    this.clock = nowHours - 100;
  }

  as(signer: Signer): this {
    return this.signInAs(identityOf(signer));
  }

  /** Derives again after a statement was added, and moves the head. */
  rederive(): void {
    this.state = this.memory.derive(this.nowHours);
    this.head = `h${Number(this.head.slice(1)) + 1}`;
  }

  private me(): Signer {
    const id = this.session.identity?.id;
    const signer = this.signers.find((s) => s.id === id);
    if (signer === undefined) throw new Error('sign in as one of the signers first');
    return signer;
  }

  private winning(proposal: string): string {
    const p = this.state.proposals.find((x) => x.id === proposal);
    if (p?.winningClose === undefined) throw new Error(`no close on ${proposal}`);
    return p.winningClose;
  }

  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    const write = {
      'proposals:certify': (id: string) =>
        this.memory.certify(this.me(), (this.clock += 1), id, this.winning(id)),
      'proposals:consent': (id: string) => this.memory.consent(this.me(), (this.clock += 1), id),
      'proposals:close': (id: string) => this.memory.close(this.me(), (this.clock += 1), id),
    }[channel as string];
    if (write === undefined) return super.invoke(channel, arg);
    this.calls.push({ channel, arg });
    await Promise.resolve();
    const proposal = (arg as { proposal: string }).proposal;
    const id = write(proposal);
    this.rederive();
    const view = this.state.proposals.find((p) => p.id === proposal)!;
    return { id, proposal: view } as Requests[C]['result'];
  }
}

/** Renders `view` over loaded stores, as the shell would once signed in (or read-only). */
export const renderAlone = async (client: FakeClient, view: ReactElement) => {
  const stores = createStores(client);
  await stores.session.getState().load();
  await stores.group.getState().load();
  return render(<StoresContext.Provider value={stores}>{view}</StoresContext.Provider>);
};

export const ann = makeSigner('Ann');
export const ben = makeSigner('Ben');
export const cat = makeSigner('Cat');

/** Tiny GPT owned 60/40 by Ann and Ben; Ben proposes that Ann give Cat 10 shares; both vote yes. */
export const transferGroup = () => {
  const g = new MemoryGroup([ann, ben, cat]);
  const reg = g.propose(ann, 1, 'register-model', {
    model: 'tiny-gpt',
    name: 'Tiny GPT',
    license: 'MIT',
    owners: [
      { member: ann.id, shares: 60 },
      { member: ben.id, shares: 40 },
    ],
  });
  for (const s of [ann, ben, cat]) g.vote(s, 2, reg, 'yes');
  g.close(ann, 10, reg);
  const p = g.propose(
    ben,
    20,
    'transfer-shares',
    { model: 'tiny-gpt', from: ann.id, to: cat.id, shares: 10 },
    'Cat gets a stake',
  );
  g.vote(ann, 21, p, 'yes');
  g.vote(ben, 22, p, 'yes');
  return { g, p };
};
