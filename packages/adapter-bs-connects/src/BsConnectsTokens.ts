/** Services of one b+s Connects instance (bound in its child container). */
export const BsConnectsTokens = {
  Hub: Symbol.for('@switchboard/adapter-bs-connects/BridgeHub'),
  Requester: Symbol.for('@switchboard/adapter-bs-connects/BridgeRequester'),
  DialDecisions: Symbol.for('@switchboard/adapter-bs-connects/DialDecisions'),
} as const;
