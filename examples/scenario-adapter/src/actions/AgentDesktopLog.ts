import { injectable } from '@switchboard/core';

/** What a simulated agent desktop was asked to do; kept for tests and shown in the daemon log. */
export interface DesktopEntry {
  readonly action: string;
  readonly agent: string | undefined;
  readonly params: Readonly<Record<string, unknown>>;
  readonly at: string;
}

/** The last 1000 entries of one instance's simulated desktop. */
@injectable()
export class AgentDesktopLog {
  readonly entries: DesktopEntry[] = [];
  readonly #max = 1000;

  add(entry: DesktopEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.#max) this.entries.shift();
  }
}
