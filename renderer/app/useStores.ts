import { useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { StoresContext } from './StoresContext';
import type { Stores } from './stores';

export const useStores = (): Stores => {
  const stores = useContext(StoresContext);
  if (stores === undefined) throw new Error('useStores outside StoresContext');
  return stores;
};

type StoreKeys = Exclude<keyof Stores, 'client'>;
type States = { [K in StoreKeys]: ReturnType<Stores[K]['getState']> };

/** Reads one feature's store through a selector, the only way components reach zustand. */
export const useFeature = <K extends StoreKeys, T>(
  feature: K,
  selector: (state: States[K]) => T,
): T => {
  const store = useStores()[feature] as unknown as StoreApi<States[K]>;
  return useStore<StoreApi<States[K]>, T>(store, selector);
};

/** The client the app talks through, for features that make their own store (featureStore). */
export const useClient = () => useStores().client;
