// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { storedAutoFetchMB } from '../../../renderer/settings/auto-fetch';
import { bob } from './fake-client';
import { ModelsClient } from './models-fake';
import { renderApp } from './render-app';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

describe('Settings’ automatic fetch limit', () => {
  it('shows 100 MB by default and keeps the number the host types', async () => {
    renderApp(new ModelsClient().asHost(), '#/settings');
    const input = await screen.findByTestId<HTMLInputElement>('auto-fetch-mb');
    expect(input.value).toBe('100');
    expect(screen.getByText(/100 MB or less is fetched by itself/)).toBeDefined();
    fireEvent.change(input, { target: { value: '0' } });
    expect(storedAutoFetchMB()).toBe(0);
    expect(screen.getByText(/^Never:/)).toBeDefined();
    fireEvent.change(input, { target: { value: '2500' } });
    expect(storedAutoFetchMB()).toBe(2500);
  });

  it('keeps the last good value and says what it takes when the text is not a number', async () => {
    renderApp(new ModelsClient().asHost(), '#/settings');
    const input = await screen.findByTestId<HTMLInputElement>('auto-fetch-mb');
    fireEvent.change(input, { target: { value: '-3' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/A whole number of megabytes/)).toBeDefined();
    expect(storedAutoFetchMB()).toBe(100);
  });

  it('is not offered to a browser that is not the host', async () => {
    renderApp(new ModelsClient().signInAs(bob), '#/settings');
    await screen.findByRole('heading', { name: 'Settings' });
    expect(screen.queryByTestId('auto-fetch-mb')).toBeNull();
  });
});
