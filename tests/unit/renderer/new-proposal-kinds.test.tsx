// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, carol } from './fake-client';
import { expectRefusal, openForm, previewAndSign, set } from './new-proposal-helpers';

afterEach(cleanup);

const start = async (kind: string) => {
  const client = await openForm();
  set('new-kind', kind);
  set('new-title', `A ${kind}`);
  return client;
};
const hash = (c: string) => c.repeat(64);

describe('NewProposal for each kind', () => {
  it('add-member: refuses a key that is not 43 base64url characters, then sends it', async () => {
    const client = await start('add-member');
    set('new-key', 'short');
    set('new-name', 'Dan');
    await expectRefusal(client, 'A public key is 43 characters of base64url.');
    // 43 characters, but the last one carries bits an Ed25519 key cannot have.
    set('new-key', `${'A'.repeat(42)}B`);
    await expectRefusal(client, 'That is not an Ed25519 public key in base64url.');
    set('new-key', ` ${'A'.repeat(42)}Q `);
    expect(await previewAndSign(client)).toEqual({
      kind: 'add-member',
      title: 'A add-member',
      body: '',
      params: { key: `${'A'.repeat(42)}Q`, name: 'Dan' },
    });
  });

  it('remove-member: picks a member from the group', async () => {
    const client = await start('remove-member');
    await expectRefusal(client, 'Choose the member to remove.');
    set('new-member', carol.id);
    expect(await previewAndSign(client)).toMatchObject({ params: { member: carol.id } });
  });

  it('amend-charter: checks each value as the charter does and converts it', async () => {
    const client = await start('amend-charter');
    set('new-change-key-0', 'rules.poll.quorum');
    set('new-change-value-0', '150');
    await expectRefusal(client, 'Quorum for “Poll”: give a percentage from 0 to 100.');
    set('new-change-value-0', '60');
    fireEvent.click(screen.getByTestId('new-add-change'));
    set('new-change-key-1', 'rules.resolution.electorate');
    set('new-change-value-1', 'owners');
    await expectRefusal(client, /resolution concerns no model/);
    set('new-change-key-1', 'votingPeriod');
    set('new-change-value-1', '0');
    await expectRefusal(client, /Voting period, every kind: give a whole number of hours or days/);
    set('new-change-value-1', '48');
    set('new-change-unit-1', 'h');
    fireEvent.click(screen.getByTestId('new-add-change'));
    set('new-change-key-2', 'requireApproval');
    set('new-change-value-2', 'true');
    const sent = (await previewAndSign(client)) as { params: { changes: unknown[] } };
    expect(sent.params.changes[0]).toEqual({ key: 'rules.poll.quorum', value: 0.6 });
    // A bare field sets every kind: eleven changes, in seconds.
    expect(sent.params.changes).toContainEqual({
      key: 'rules.add-member.votingPeriod',
      value: 172800,
    });
    expect(sent.params.changes).toHaveLength(1 + 11 + 1);
    expect(sent.params.changes.at(-1)).toEqual({ key: 'requireApproval', value: true });
  });

  it('amend-charter: refuses the same setting changed twice', async () => {
    const client = await start('amend-charter');
    set('new-change-key-0', 'threshold');
    set('new-change-value-0', '60');
    fireEvent.click(screen.getByTestId('new-add-change'));
    set('new-change-key-1', 'rules.poll.threshold');
    set('new-change-value-1', '70');
    await expectRefusal(client, 'Threshold to pass for “Poll” is changed twice.');
  });

  it('register-model: picks an SPDX licence, totals two owners, and sends them', async () => {
    const client = await start('register-model');
    set('new-slug', 'tiny-bert');
    set('new-name', 'Tiny LM');
    await expectRefusal(client, 'A model with the slug tiny-bert is registered already.');
    set('new-slug', 'Tiny LM');
    await expectRefusal(client, /The slug is lowercase/);
    set('new-slug', 'tiny-lm');
    set('new-license', 'My own licence');
    await expectRefusal(client, /is not an SPDX licence expression/);
    set('new-license', 'apache-2');
    const options = screen.getAllByTestId('spdx-option').map((o) => o.textContent);
    expect(options[0]).toBe('Apache-2.0');
    fireEvent.click(screen.getAllByTestId('spdx-option')[0]!);
    expect(screen.getByTestId<HTMLInputElement>('new-license').value).toBe('Apache-2.0');
    set('new-license', 'Apache-2.0 OR MI');
    fireEvent.click(screen.getByText('MIT'));
    expect(screen.getByTestId<HTMLInputElement>('new-license').value).toBe('Apache-2.0 OR MIT');
    expect(screen.getByTestId('license-check').textContent).toBe('A valid SPDX expression.');
    await expectRefusal(client, 'Name at least one owner.');
    set('new-owner-0', alice.id);
    set('new-owner-shares-0', '70');
    fireEvent.click(screen.getByTestId('new-add-owner'));
    set('new-owner-1', alice.id);
    set('new-owner-shares-1', '30');
    await expectRefusal(client, 'Alice is listed twice.');
    set('new-owner-1', bob.id);
    set('new-owner-shares-1', '2.5');
    await expectRefusal(client, 'Bob: Shares must be a whole number above zero.');
    set('new-owner-shares-1', '30');
    expect(screen.getByTestId('new-owner-total').textContent).toBe('Total: 100 shares');
    fireEvent.click(screen.getByTestId('new-preview'));
    const owners = await screen.findByTestId('preview-owners');
    expect(
      within(owners)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Alice: 70 shares (70%)', 'Bob: 30 shares (30%)']);
    fireEvent.click(screen.getByTestId('new-edit'));
    expect(await previewAndSign(client)).toMatchObject({
      kind: 'register-model',
      params: {
        model: 'tiny-lm',
        name: 'Tiny LM',
        license: 'Apache-2.0 OR MIT',
        owners: [
          { member: alice.id, shares: 70 },
          { member: bob.id, shares: 30 },
        ],
      },
    });
  });

  it('register-model: sends a first version with its files', async () => {
    const client = await start('register-model');
    set('new-slug', 'tiny-lm');
    set('new-name', 'Tiny LM');
    set('new-license', 'MIT');
    set('new-owner-0', carol.id);
    set('new-owner-shares-0', '1');
    set('new-version', '1.0');
    fireEvent.click(screen.getByTestId('new-add-file'));
    set('new-file-path-0', 'model.onnx');
    set('new-file-sha-0', hash('A'));
    const sent = (await previewAndSign(client)) as { params: object };
    expect(sent.params).toEqual({
      model: 'tiny-lm',
      name: 'Tiny LM',
      license: 'MIT',
      owners: [{ member: carol.id, shares: 1 }],
      version: '1.0',
      files: [{ path: 'model.onnx', sha256: hash('a') }],
    });
  });

  it('add-version: refuses an existing version and a bad hash, then sends the files', async () => {
    const client = await start('add-version');
    await expectRefusal(client, 'Pick a model.');
    set('new-model', 'tiny-bert');
    set('new-version', '1.0');
    await expectRefusal(client, 'tiny-bert already has version 1.0.');
    set('new-version', '1.1');
    fireEvent.click(screen.getByTestId('new-add-file'));
    set('new-file-path-0', '../escape.onnx');
    set('new-file-sha-0', hash('b'));
    await expectRefusal(client, /is not a file path/);
    set('new-file-path-0', 'onnx/model.onnx');
    set('new-file-sha-0', 'b'.repeat(63));
    await expectRefusal(client, 'The SHA-256 of onnx/model.onnx must be 64 hexadecimal digits.');
    set('new-file-sha-0', hash('b'));
    fireEvent.click(screen.getByTestId('new-add-file'));
    expect(await previewAndSign(client)).toMatchObject({
      params: {
        model: 'tiny-bert',
        version: '1.1',
        files: [{ path: 'onnx/model.onnx', sha256: hash('b') }],
      },
    });
  });

  it('set-license: sends the model and the licence picked', async () => {
    const client = await start('set-license');
    set('new-model', 'tiny-bert');
    set('new-license', 'GPL-3.0-only WITH GCC-exception-3.1');
    expect(await previewAndSign(client)).toMatchObject({
      params: { model: 'tiny-bert', license: 'GPL-3.0-only WITH GCC-exception-3.1' },
    });
  });

  it('approve-use: offers the model’s versions and needs a purpose', async () => {
    const client = await start('approve-use');
    set('new-model', 'tiny-bert');
    await expectRefusal(client, 'Pick one of the model’s versions.');
    const versions = within(screen.getByTestId('new-version')).getAllByRole('option');
    expect(versions.map((o) => o.textContent)).toEqual(['Choose a version', '1.0']);
    set('new-version', '1.0');
    await expectRefusal(client, 'Give the purpose.');
    set('new-purpose', 'Sorting the support inbox');
    expect(await previewAndSign(client)).toMatchObject({
      params: { model: 'tiny-bert', version: '1.0', purpose: 'Sorting the support inbox' },
    });
  });

  it('retire-model: sends the model picked', async () => {
    const client = await start('retire-model');
    set('new-model', 'tiny-bert');
    expect(await previewAndSign(client)).toMatchObject({
      kind: 'retire-model',
      params: { model: 'tiny-bert' },
    });
  });
});
