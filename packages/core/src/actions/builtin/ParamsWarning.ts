/** Something in an action's (schema-valid) params that will not do what it seems to, reported at load time. */
export interface ParamsWarning {
  /** From the params root. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Load-time advice on one action's params. */
export type ParamsWarnings = (params: Readonly<Record<string, unknown>>) => ParamsWarning[];
