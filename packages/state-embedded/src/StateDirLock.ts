import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';

/**
 * One daemon per state folder: a `LOCK` file holding the owner's pid, created exclusively. A lock whose
 * process is gone (a crash, SIGKILL) is taken over; one held by a live process fails with
 * `SWB_STATE_LOCKED`, naming the folder and that pid.
 */
export class StateDirLock {
  readonly #file: string;
  #held = false;

  constructor(dir: string) {
    this.#file = join(dir, 'LOCK');
  }

  acquire(): void {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        writeFileSync(this.#file, `${process.pid}\n`, { flag: 'wx' });
        this.#held = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = this.#owner();
      if (owner !== undefined && owner !== process.pid && alive(owner)) {
        throw new SwitchboardError(
          'SWB_STATE_LOCKED',
          `the state folder ${this.#file.slice(0, -5)} is in use by another daemon (pid ${owner}); stop it, or give this one another \`state.dir\``,
        );
      }
      // Left by a process that is gone (or by this one): take it over.
      rmSync(this.#file, { force: true });
    }
    throw new SwitchboardError('SWB_STATE_LOCKED', `the state folder lock ${this.#file} could not be taken`);
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    if (this.#owner() === process.pid) rmSync(this.#file, { force: true });
  }

  #owner(): number | undefined {
    try {
      const pid = Number.parseInt(readFileSync(this.#file, 'utf8'), 10);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
