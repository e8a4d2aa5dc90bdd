import { useStore } from 'zustand';
import { featureStore } from '../app/stores';
import { useClient } from '../app/useStores';
import { createAuditStore, type AuditState } from './audit-store';

/** Reads the audit export's store through a selector. */
export const useAudit = <T>(selector: (state: AuditState) => T): T =>
  useStore(featureStore(useClient(), 'audit', createAuditStore), selector);
