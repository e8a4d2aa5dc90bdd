import { navigate } from '../app/useHashRoute';
import { useFeature } from '../app/useStores';

/**
 * After the open group changed (founded, joined, opened, the demo): who we are in it is read
 * again, the last group's state is dropped for the new one's, and the app opens on Home.
 */
export const useEnterGroup = () => {
  const reloadSession = useFeature('session', (s) => s.load);
  const switched = useFeature('group', (s) => s.switched);
  return async (done: boolean): Promise<void> => {
    if (!done) return;
    await reloadSession();
    void switched();
    navigate('/');
  };
};
