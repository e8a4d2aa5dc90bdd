/** What every governance action needs: the ledger, the member acting, and the clock. */
import { StewardError } from '../../../shared/errors';
import { describeNoGenesis } from '../../../shared/derive/no-genesis';
import type { Loaded } from '../ledger/ledger';
import type { Ledger } from '../ledger/ledger';
import type { Signer } from '../identity/keystore';

export type ActionContext = {
  ledger: Ledger;
  signer: Signer;
  now: Date;
  /** The size of a file this machine holds, by SHA-256: what a new model record is given. */
  sizeOf?: (sha256: string) => Promise<number | undefined>;
};

export const iso = (d: Date): string => d.toISOString();

/** Loads the ledger and checks that the signer is a member whose key is in force. */
export const loadAsMember = async (ctx: ActionContext): Promise<Loaded & { group: string }> => {
  const loaded = await ctx.ledger.load(ctx.now);
  const group = loaded.state.group?.id;
  if (!group) throw new StewardError('not-a-repo', describeNoGenesis(loaded.state));
  const me = loaded.state.members.find((m) => m.id === ctx.signer.id);
  if (!me)
    throw new StewardError(
      'not-a-member',
      `${ctx.signer.name} (${ctx.signer.id.slice(0, 12)}) is not a member of ${loaded.state.group?.name}`,
    );
  if (me.publicKey !== ctx.signer.publicKey) {
    throw new StewardError(
      'not-a-member',
      "this identity's key is not the key the group knows for you (rotated elsewhere?)",
    );
  }
  return { ...loaded, group };
};
