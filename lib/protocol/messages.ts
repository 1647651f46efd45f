// y-websocket message types (the first varUint of every frame) and y-protocols sync sub-types.
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

export const SYNC = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
