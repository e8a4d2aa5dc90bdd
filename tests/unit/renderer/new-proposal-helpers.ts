import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { alice, FakeClient, groupState } from './fake-client';
import { renderApp } from './render-app';

/** The New proposal page, signed in as Alice over a fake client. */
export const openForm = async (client = new FakeClient(groupState()).signInAs(alice)) => {
  renderApp(client, '#/new');
  await screen.findByTestId('new-kind');
  return client;
};

export const set = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

/** Asks for the preview and expects the form to refuse with `message`, sending nothing. */
export const expectRefusal = async (client: FakeClient, message: string | RegExp) => {
  fireEvent.click(screen.getByTestId('new-preview'));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toMatch(message);
  expect(screen.queryByTestId('preview-step')).toBeNull();
  expect(client.callsTo('proposals:create')).toEqual([]);
};

/** Preview, then sign: resolves to the argument `proposals:create` received. */
export const previewAndSign = async (client: FakeClient): Promise<unknown> => {
  fireEvent.click(screen.getByTestId('new-preview'));
  fireEvent.click(await screen.findByTestId('new-submit'));
  await waitFor(() => expect(client.callsTo('proposals:create')).toHaveLength(1));
  return client.callsTo('proposals:create')[0];
};
