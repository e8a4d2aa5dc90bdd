import type { WriteState } from './write-store';
import { useFeature, useStores } from '../app/useStores';

/** Runs a write, then refetches the group's state so the page shows what it changed. */
export const useWriteThenRefresh = () => {
  const stores = useStores();
  const busy = useFeature('write', (s) => s.busy);
  const error = useFeature('write', (s) => s.error);
  const run = async (
    write: (w: WriteState) => Promise<string | undefined>,
  ): Promise<string | undefined> => {
    const id = await write(stores.write.getState());
    if (id !== undefined) await stores.group.getState().load();
    return id;
  };
  return { busy, error, run };
};
