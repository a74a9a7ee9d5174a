/** Services the 8x8 module binds in each instance's container. */
export const EightByEightTokens = {
  /** The instance's `MaestroBridgeServer` (disabled when the instance has no `maestro` options). */
  MaestroBridge: Symbol.for('@switchboard/adapter-8x8/MaestroBridge'),
} as const;
