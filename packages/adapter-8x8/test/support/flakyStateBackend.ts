import type { StateStore } from '@switchboard/core';
import type { StateBackend, StateOpening } from '@switchboard/core/host';
import { MemoryStateBackend } from '@switchboard/core/testing';

/**
 * A durable in-memory state backend (one backend given to two runtimes is a restarted daemon) whose
 * writes can be refused for a while, as a full disk or an unreachable Redis refuses them: while `failing`,
 * every write rejects and `refused` counts it; reads go on.
 */
export class FlakyStateBackend implements StateBackend {
  readonly durable = true;
  readonly inner = new MemoryStateBackend(undefined, { durable: true });
  failing = false;
  refused = 0;

  open(): Promise<StateOpening> {
    return this.inner.open();
  }

  namespace(name: string): StateStore {
    const store = this.inner.namespace(name);
    const write =
      <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> => {
        if (!this.failing) return fn(...args);
        this.refused += 1;
        return Promise.reject(new Error('the disk is full'));
      };
    return {
      get: (key) => store.get(key),
      scan: (prefix) => store.scan(prefix),
      set: write((key, value, options) => store.set(key, value, options)),
      setIfAbsent: write((key, value, options) => store.setIfAbsent(key, value, options)),
      delete: write((key) => store.delete(key)),
      merge: write((key, fields, options) => store.merge(key, fields, options)),
      batch: write((ops) => store.batch(ops)),
    };
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
