/**
 * Where a forge's credentials (STEWARD_GIT_TOKEN) may be sent: only encrypted, or to this
 * computer, never in clear over a network, where a peer on the LAN or anyone listening would read
 * them. A plain-http peer gets a member proof instead, which names it and nothing else.
 */
export const mayCarryCredentials = (endpoint: string): boolean => {
  // What cannot be read as a URL is no place to send a secret.
  if (!URL.canParse(endpoint)) return false;
  const url = new URL(endpoint);
  if (url.protocol === 'https:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
};
