import { useStore } from 'zustand';
import { featureStore } from '../app/stores';
import { useClient } from '../app/useStores';
import { createEvalStore, type EvalState } from './eval-store';
import { createImportStore, type ImportState } from './import-store';
import { createLocalStore, type LocalState } from './local-store';
import { createRunStore, type RunState } from './run-store';
import { createTransferStore, type TransferState } from './transfer-store';

/*
 * The models screen's stores, made once per client, so a run or an import under way survives
 * leaving the screen and coming back. Selectors must return stable values (no new objects).
 */

export const useLocalModels = <T>(selector: (s: LocalState) => T): T =>
  useStore(featureStore(useClient(), 'models-local', createLocalStore), selector);

export const useModelImport = <T>(selector: (s: ImportState) => T): T =>
  useStore(featureStore(useClient(), 'models-import', createImportStore), selector);

export const useModelRun = <T>(selector: (s: RunState) => T): T =>
  useStore(featureStore(useClient(), 'models-run', createRunStore), selector);

export const useModelEval = <T>(selector: (s: EvalState) => T): T =>
  useStore(featureStore(useClient(), 'models-eval', createEvalStore), selector);

export const useModelTransfers = <T>(selector: (s: TransferState) => T): T =>
  useStore(featureStore(useClient(), 'models-transfer', createTransferStore), selector);
