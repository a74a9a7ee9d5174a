/** One store batch as the group script takes it (see `batchScript`). */
export interface GroupedBatch {
  /** Its lease key first when fenced, then one key per op. */
  readonly keys: readonly string[];
  /** The fence value its lease key must hold, or '' for an unfenced batch. */
  readonly fence: string;
  readonly ops: number;
  /** Its ops' ARGV entries. */
  readonly args: readonly string[];
}

/** How one batch of a group came out: `applied` per op, or why the whole batch was refused. */
export type BatchOutcome = { readonly applied: boolean[] } | { readonly refused: string };

/** A group holding this many ops goes out at once: one script run keeps Redis busy (and others waiting) briefly. */
export const maxGroupOps = 1000;

interface Queued {
  readonly batch: GroupedBatch;
  readonly resolve: (outcome: BatchOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for a backend: the batches queued while nothing is being sent go out together at the end of
 * the turn, and those queued while a group is on its way go out together as soon as it is answered, each
 * group as one script run (one round trip, one `EVALSHA`) whatever namespaces it touches. So writes apply
 * in the order they were made, across namespaces too (the ledger's `done` never lands before the call vars
 * and markers of its event). A Redis Cluster would need one script per slot (each namespace is one hash
 * tag), in order. A read of a key a queued batch writes sends the queue first, so it sees that write.
 */
export class RedisGroupCommit {
  readonly #run: (keys: string[], args: string[]) => Promise<string[]>;
  #queued: Queued[] = [];
  #queuedOps = 0;
  /** The keys the queued batches write. */
  #queuedKeys = new Set<string>();
  #scheduled = false;
  #inFlight = 0;
  /** Settled when the last group sent has been answered. */
  #last: Promise<unknown> = Promise.resolve();

  /** `run` runs the group script with its KEYS and ARGV and gives its reply. */
  constructor(run: (keys: string[], args: string[]) => Promise<string[]>) {
    this.#run = run;
  }

  /** Queues a batch; settles once the group it went out in was answered (rejects if the group failed). */
  add(batch: GroupedBatch): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => {
      this.#queued.push({ batch, resolve, reject });
      this.#queuedOps += batch.ops;
      for (const key of batch.keys) this.#queuedKeys.add(key);
      if (this.#queuedOps >= maxGroupOps) {
        this.sendNow();
        return;
      }
      if (!this.#scheduled && this.#inFlight === 0) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          if (this.#inFlight === 0) this.sendNow();
        });
      }
    });
  }

  /** Sends what is queued now and waits until every group sent has been answered (either way). */
  async settled(): Promise<void> {
    this.sendNow();
    await this.#last.catch(() => undefined);
  }

  /** Sends the queue at once when a queued batch writes `key` (a read of it must see that write). */
  sendBefore(key: string): void {
    if (this.#queuedKeys.has(key)) this.sendNow();
  }

  /** Sends every queued batch now, as one group. */
  sendNow(): void {
    const group = this.#queued;
    if (group.length === 0) return;
    this.#queued = [];
    this.#queuedOps = 0;
    this.#queuedKeys = new Set();
    const keys: string[] = [];
    const args: string[] = [String(group.length)];
    for (const { batch } of group) {
      keys.push(...batch.keys);
      args.push(batch.fence, String(batch.ops), String(batch.args.length), ...batch.args);
    }
    this.#inFlight += 1;
    let reply: Promise<string[]>;
    try {
      reply = this.#run(keys, args);
    } catch (error) {
      reply = Promise.reject(error);
    }
    this.#last = reply;
    reply
      .then(
        (results) => {
          for (const [i, { resolve, reject }] of group.entries()) {
            const result = results[i];
            if (typeof result !== 'string') reject(new Error('the group script gave no result for a batch'));
            else if (result.startsWith('!')) resolve({ refused: result.slice(1) });
            else resolve({ applied: Array.from(result, (c) => c === '1') });
          }
        },
        (error: unknown) => {
          for (const { reject } of group) reject(error);
        },
      )
      .finally(() => {
        this.#inFlight -= 1;
        // What queued up meanwhile goes out now, as one group.
        if (this.#inFlight === 0 && !this.#scheduled) this.sendNow();
      });
  }
}
