import { createContext } from 'react';
import type { Stores } from './stores';

export const StoresContext = createContext<Stores | undefined>(undefined);
