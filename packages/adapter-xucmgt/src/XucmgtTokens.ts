/** Services shared inside one XucMgt instance (`PaneStore`, `UserTokenVault`). */
export const XucmgtTokens = {
  Panes: Symbol.for('@switchboard/adapter-xucmgt/Panes'),
  TokenVault: Symbol.for('@switchboard/adapter-xucmgt/TokenVault'),
} as const;
