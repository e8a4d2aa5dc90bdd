import type { StewardBridge } from '../shared/api-channels';

declare global {
  // Absent when the page runs outside Electron (a browser against `steward serve`).
  interface Window {
    steward?: StewardBridge;
  }
}
