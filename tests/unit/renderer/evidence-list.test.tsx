// @vitest-environment jsdom
/** Evidence on a proposal page: its metrics in the words the Models screen uses. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceView } from '../../../shared/derive/state';
import { EvidenceList } from '../../../renderer/proposals/EvidenceList';
import { alice, groupState } from './fake-client';

afterEach(cleanup);

const evidence = (metrics: Record<string, number>, items: number): EvidenceView => ({
  id: 'e'.repeat(64),
  author: alice.id,
  created: '2026-03-01T10:00:00.000Z',
  model: 'tiny-gpt',
  version: '1.0',
  files: [{ path: 'config.json', sha256: 'a'.repeat(64) }],
  task: 'text-generation',
  dataset: { sha256: 'b'.repeat(64), items, name: 'greetings.jsonl' },
  settings: {},
  seed: 0,
  metrics,
  outputs: 'c'.repeat(64),
  runtime: { library: 'transformers.js', onnxruntime: '1.30' },
});

describe('evidence on a proposal', () => {
  it('says its metrics in words, rounded, not under their JSON names', () => {
    render(
      <EvidenceList
        evidence={[evidence({ items: 2, meanLatencyMs: 24.561268, exactMatch: 0.5 }, 2)]}
        state={groupState([])}
      />,
    );
    expect(screen.getByTestId('evidence-metrics').textContent).toBe(
      'Items 2 · Mean latency 24.6 ms · Exact match 1 of 2',
    );
  });

  it('gives a share that is no whole count of the items as a percentage', () => {
    render(<EvidenceList evidence={[evidence({ exactMatch: 1 / 3 }, 2)]} state={groupState([])} />);
    expect(screen.getByTestId('evidence-metrics').textContent).toBe('Exact match 33.3%');
  });
});
