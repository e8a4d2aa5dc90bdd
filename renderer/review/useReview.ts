import { useStore } from 'zustand';
import { featureStore } from '../app/stores';
import { useClient } from '../app/useStores';
import { createReviewStore, type ReviewState } from './review-store';

/** Reads the review session's store (how to join) through a selector. */
export const useReview = <T>(selector: (state: ReviewState) => T): T =>
  useStore(featureStore(useClient(), 'review', createReviewStore), selector);
