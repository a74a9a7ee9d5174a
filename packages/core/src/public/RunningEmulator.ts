/** What every adapter's emulator is once started: where it listens, and how to stop it. */
export interface RunningEmulator {
  /** `http(s)://127.0.0.1:<port>`: what an instance's options point at. */
  readonly url: string;
  /** Stops listening and lets clients go; a second call does nothing. */
  close(): Promise<void>;
}

/** An emulator class: `await AcmeEmulator.start({ port: 0 })`. */
export interface EmulatorClass<O, E extends RunningEmulator> {
  start(options?: O): Promise<E>;
}
