/**
 * Each proposal kind in words, as people read it: a short label and one line on what passing it
 * does. The raw kind id stays in the JSON and in tooltips, for whoever looks for it.
 */
import type { ProposalKind } from './kinds';

export const kindLabels: Record<ProposalKind, { label: string; description: string }> = {
  'add-member': { label: 'Add a member', description: 'Someone joins the group with their key.' },
  'remove-member': { label: 'Remove a member', description: 'A member leaves the group.' },
  'amend-charter': {
    label: 'Change the charter',
    description: "Changes the group's rules: who decides each kind, quorum, threshold, periods.",
  },
  'register-model': {
    label: 'Register a model',
    description: 'Records a model, its licence and owners, and optionally its first version.',
  },
  'add-version': {
    label: 'Add a version',
    description: "Records a new version of a model by its files' hashes.",
  },
  'transfer-shares': {
    label: 'Transfer shares',
    description: "Moves shares of a model from one member to another, with the giver's consent.",
  },
  'set-license': { label: 'Change the licence', description: "Sets a model's licence." },
  'approve-use': {
    label: 'Approve a use',
    description: 'Approves a version of a model for a stated purpose.',
  },
  'retire-model': { label: 'Retire a model', description: 'A model is no longer to be used.' },
  resolution: { label: 'Resolution', description: 'A decision in words, yes or no.' },
  poll: { label: 'Poll', description: 'A choice between options, by approval or ranking.' },
};

export const kindLabel = (kind: ProposalKind): string => kindLabels[kind]?.label ?? kind;
