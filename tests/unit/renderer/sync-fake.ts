import type { RequestChannel, Requests } from '../../../shared/api-channels';
import { StewardError } from '../../../shared/errors';
import { HostFake } from './setup-fake';

/**
 * The host's fake, plus removing a remote, and a sync that moves where the repo stands with the
 * remote it ran with (as the host records its head), so a test sees whether the screen asks again.
 */
export class SyncFake extends HostFake {
  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    if (channel === 'sync:removeRemote' && !this.failNext.has(channel)) {
      this.calls.push({ channel, arg });
      await Promise.resolve();
      const { name } = arg as { name: string };
      if (!this.remotes.some((r) => r.name === name))
        throw new StewardError('not-found', `no remote named ${name}`);
      this.remotes = this.remotes.filter((r) => r.name !== name);
      return { remotes: this.remotes } as Requests[C]['result'];
    }
    const result = await super.invoke(channel, arg);
    if (channel === 'sync:run') {
      const { target } = arg as { target: string };
      this.remotes = this.remotes.map((r) =>
        r.name === target
          ? { ...r, status: { synced: new Date().toISOString(), ahead: 0, behind: 0 } }
          : r,
      );
    }
    return result;
  }
}
