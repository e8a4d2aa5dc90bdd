// Runtime allowlist of the channel names the renderer may use. The preload checks every call
// against it, so a channel missing here cannot be reached from the page, whatever main handles.

export const requestChannels = ['app:version'] as const;
export const eventChannels = [] as const;

export type RequestChannel = (typeof requestChannels)[number];
export type EventChannel = (typeof eventChannels)[number];

/** What the preload exposes as `window.steward`. */
export type StewardBridge = {
  invoke(channel: RequestChannel, arg: unknown): Promise<unknown>;
  on(event: EventChannel, listener: (payload: unknown) => void): () => void;
};

export const isRequestChannel = (name: unknown): name is RequestChannel =>
  (requestChannels as readonly unknown[]).includes(name);

export const isEventChannel = (name: unknown): name is EventChannel =>
  (eventChannels as readonly unknown[]).includes(name);
