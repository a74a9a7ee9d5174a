import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Clock,
  describeError,
  type StateBatchResult,
  type StateOp,
  type StateStore,
  type StateWriteOptions,
  SwitchboardError,
} from '@switchboard/core';
import {
  assertStorable,
  expiryOf,
  type StateBackend,
  type StateOpening,
  systemClock,
} from '@switchboard/core/host';
import { type Database, open, type RootDatabase } from 'lmdb';
import { checkStoreReadable } from './checkStore.js';
import { expiryBound, expiryKey, keyBytes, prefixRange } from './keyBytes.js';
import { StateDirLock } from './StateDirLock.js';
import {
  decodeStored,
  encodeFields,
  encodeStored,
  expiryOfStored,
  isLive,
  mergeStored,
} from './storedBytes.js';

/** An op as queued: values already encoded (checked and copied), expiries fixed when it was made. */
type QueuedOp =
  | { readonly op: 'set' | 'setIfAbsent'; readonly key: string; readonly bytes: Buffer }
  | { readonly op: 'merge'; readonly key: string; readonly fields: Buffer; readonly expiresAt?: number }
  | { readonly op: 'delete'; readonly key: string };

export interface EmbeddedStateOptions {
  /** The state folder (`state.dir`): holds `store/` (the LMDB files), `LOCK` and `switchboard-state.json`. */
  readonly dir: string;
  readonly clock?: Clock;
  /** How often expired keys are removed from disk (ms, default 30 s); reads never see them anyway. */
  readonly sweepEveryMs?: number;
  /**
   * `process` (default): a committed write survives a crash of the process; after a crash of the machine
   * (power loss) the last commits may be undone, never half-applied (LMDB's `noMetaSync`: the meta page is
   * flushed with the next commit). `power`: every commit is flushed to disk before it counts (about 4×
   * slower here, see docs/benchmarks.md).
   */
  readonly durability?: 'process' | 'power';
}

/** What `switchboard-state.json` records: that a store was made here, so a vanished one is noticed. */
interface StateManifest {
  readonly format: 1;
  readonly engine: 'lmdb';
  readonly created: string;
}

const manifestName = 'switchboard-state.json';
const storeName = 'store';
/** Expired keys removed per sweep transaction, so a sweep never holds the writer long. */
const sweepBatch = 2000;

/**
 * The daemon's state on disk, in LMDB (through `lmdb`): no server, one folder. Writes made in one
 * event-loop turn are committed in one transaction (queued, then written at `setImmediate`); a write's promise resolves once it is committed,
 * which a crash of the process (SIGKILL) cannot undo (LMDB is copy-on-write: a torn write leaves the last
 * whole commit). After a power loss the last commits may be undone, never half-applied. Expired keys read
 * as absent and are swept from disk every `sweepEveryMs`.
 */
export class EmbeddedStateBackend implements StateBackend {
  readonly durable = true;
  readonly #dir: string;
  readonly #clock: Clock;
  readonly #sweepEveryMs: number;
  readonly #durability: 'process' | 'power';
  readonly #lock: StateDirLock;
  #root: RootDatabase | undefined;
  #kv: Database<Buffer, Buffer> | undefined;
  #expiry: Database<Buffer, Buffer> | undefined;
  #sweeper: NodeJS.Timeout | undefined;
  #sweeping: Promise<number> | undefined;
  /** Writes queued this turn, committed together at the end of it. */
  #queued: {
    namespace: string;
    ops: QueuedOp[];
    resolve: (applied: boolean[]) => void;
    reject: (error: unknown) => void;
  }[] = [];
  #flushing: Promise<void> = Promise.resolve();
  /** What the open found; a second `open()` while open answers the same. */
  #opening: StateOpening | undefined;
  readonly #namespaces = new Map<string, StateStore>();

  constructor(options: EmbeddedStateOptions) {
    this.#dir = options.dir;
    this.#clock = options.clock ?? systemClock;
    this.#sweepEveryMs = options.sweepEveryMs ?? 30_000;
    this.#durability = options.durability ?? 'process';
    this.#lock = new StateDirLock(options.dir);
  }

  /** The folder LMDB's files are in. */
  get storeDir(): string {
    return join(this.#dir, storeName);
  }

  async open(): Promise<StateOpening> {
    if (this.#root && this.#opening) return this.#opening;
    mkdirSync(this.#dir, { recursive: true });
    this.#lock.acquire();
    try {
      this.#opening = await this.#openStore();
      return this.#opening;
    } catch (error) {
      this.#lock.release();
      throw error;
    }
  }

  async #openStore(): Promise<StateOpening> {
    const manifestFile = join(this.#dir, manifestName);
    const hadManifest = existsSync(manifestFile);
    const dataFile = join(this.storeDir, 'data.mdb');
    const hadData = existsSync(dataFile);
    if (hadManifest) checkManifest(manifestFile);
    const unreadable = hadData ? await checkStoreReadable(this.storeDir) : undefined;
    if (unreadable !== undefined) throw corrupt(dataFile, this.#dir, unreadable);
    try {
      const root = open({
        path: this.storeDir,
        maxDbs: 4,
        mapSize: 64 * 1024 * 1024,
        noMetaSync: this.#durability === 'process',
      });
      this.#root = root;
      this.#kv = root.openDB<Buffer, Buffer>({ name: 'kv', keyEncoding: 'binary', encoding: 'binary' });
      this.#expiry = root.openDB<Buffer, Buffer>({
        name: 'expiry',
        keyEncoding: 'binary',
        encoding: 'binary',
      });
    } catch (error) {
      this.#closeQuietly();
      throw corrupt(dataFile, this.#dir, describeError(error), error);
    }
    if (!hadManifest) {
      const manifest: StateManifest = {
        format: 1,
        engine: 'lmdb',
        created: new Date(this.#clock.now()).toISOString(),
      };
      writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    }
    this.#sweeper = setInterval(() => void this.sweep().catch(() => undefined), this.#sweepEveryMs);
    this.#sweeper.unref();
    if (hadManifest && !hadData) {
      return {
        fresh: true,
        warning: `the state store ${dataFile} is missing (deleted?): starting with empty state. De-duplication, call vars and vendor resume points start empty, so events vendors replay may fire their rules again; restore the folder from a backup to avoid that`,
      };
    }
    return { fresh: !hadData };
  }

  namespace(name: string): StateStore {
    let store = this.#namespaces.get(name);
    if (!store) {
      store = this.#store(name);
      this.#namespaces.set(name, store);
    }
    return store;
  }

  async flush(): Promise<void> {
    await this.#flushing;
    await this.#kv?.committed;
  }

  async close(): Promise<void> {
    const root = this.#root;
    if (!root) return;
    clearInterval(this.#sweeper);
    await this.#sweeping?.catch(() => undefined);
    await this.#flushing;
    try {
      await root.committed;
      await root.flushed;
    } finally {
      this.#closeQuietly();
      this.#lock.release();
    }
  }

  /** Removes expired keys from disk (up to a few thousand per call); returns how many. */
  sweep(): Promise<number> {
    this.#sweeping ??= this.#sweepOnce().finally(() => {
      this.#sweeping = undefined;
    });
    return this.#sweeping;
  }

  /**
   * A consistent copy of the state, taken while the daemon runs (LMDB's hot copy), as a state folder of
   * its own at `destination` (which must not hold one): restore by putting it in place of `state.dir`.
   */
  async backup(destination: string): Promise<void> {
    const { kv, root } = this.#db();
    await kv.committed;
    await mkdir(join(destination, storeName), { recursive: true });
    // With a store folder (not NOSUBDIR), LMDB copies into a folder: `data.mdb` is written inside it.
    await root.backup(join(destination, storeName), true);
    await copyFile(join(this.#dir, manifestName), join(destination, manifestName));
  }

  async #sweepOnce(): Promise<number> {
    const { kv, expiry } = this.#db();
    const now = this.#clock.now();
    const due = [...expiry.getKeys({ end: expiryBound(now), limit: sweepBatch })];
    if (due.length === 0) return 0;
    return kv.transaction(() => {
      let removed = 0;
      for (const indexKey of due) {
        const key = indexKey.subarray(8);
        const stored = kv.get(key);
        const expiresAt = stored === undefined ? undefined : expiryOfStored(stored);
        // Only if the key still expires then (it may have been written again since).
        if (expiresAt !== undefined && expiresAt <= now && expiryKey(expiresAt, key).equals(indexKey)) {
          kv.removeSync(key);
          removed += 1;
        }
        expiry.removeSync(indexKey);
      }
      return removed;
    });
  }

  #store(namespace: string): StateStore {
    const read = (key: string): unknown => {
      const stored = this.#db().kv.get(keyBytes(namespace, key));
      return isLive(stored, this.#clock.now()) ? decodeStored(stored) : undefined;
    };
    return {
      get: async <T>(key: string) => read(key) as T | undefined,
      set: async (key: string, value: unknown, options?: StateWriteOptions) => {
        await this.#commit(namespace, [{ op: 'set', key, value, ...ttl(options) }]);
      },
      setIfAbsent: async (key: string, value: unknown, options?: StateWriteOptions) =>
        (await this.#commit(namespace, [{ op: 'setIfAbsent', key, value, ...ttl(options) }]))[0] === true,
      delete: async (key: string) => {
        await this.#commit(namespace, [{ op: 'delete', key }]);
      },
      merge: async (key: string, fields: Readonly<Record<string, unknown>>, options?: StateWriteOptions) => {
        await this.#commit(namespace, [{ op: 'merge', key, fields, ...ttl(options) }]);
      },
      batch: async (ops: readonly StateOp[]): Promise<StateBatchResult> => ({
        applied: await this.#commit(namespace, ops),
      }),
      scan: <T>(prefix: string) => this.#scan<T>(namespace, prefix),
    };
  }

  /**
   * Queues ops for this turn's commit; resolves with each op's result once that commit is done. Values
   * are checked and copied now, so a bad value fails before anything is written and later changes to it
   * change nothing.
   */
  #commit(namespace: string, ops: readonly StateOp[]): Promise<boolean[]> {
    let copies: QueuedOp[];
    try {
      const now = this.#clock.now();
      copies = ops.map((op) => encoded(op, now));
    } catch (error) {
      return Promise.reject(error);
    }
    this.#db();
    return new Promise((resolve, reject) => {
      if (this.#queued.length === 0) {
        this.#flushing = new Promise((done) => setImmediate(() => void this.#writeQueued().finally(done)));
      }
      this.#queued.push({ namespace, ops: copies, resolve, reject });
    });
  }

  /**
   * Writes every group queued in the turn in one LMDB write transaction (one commit), in the order they
   * were queued, each group's ops against the writes of those before it.
   */
  async #writeQueued(): Promise<void> {
    const groups = this.#queued;
    this.#queued = [];
    let kv: Database<Buffer, Buffer>;
    let expiry: Database<Buffer, Buffer>;
    try {
      ({ kv, expiry } = this.#db());
    } catch (error) {
      for (const group of groups) group.reject(error);
      return;
    }
    const now = this.#clock.now();
    const put = (bytes: Buffer, stored: Buffer, before: Buffer | undefined): void => {
      unindex(bytes, before);
      kv.putSync(bytes, stored);
      const expiresAt = expiryOfStored(stored);
      if (expiresAt !== undefined) expiry.putSync(expiryKey(expiresAt, bytes), empty);
    };
    const unindex = (bytes: Buffer, before: Buffer | undefined): void => {
      const expiresAt = before === undefined ? undefined : expiryOfStored(before);
      if (expiresAt !== undefined) expiry.removeSync(expiryKey(expiresAt, bytes));
    };
    const apply = (namespace: string, op: QueuedOp): boolean => {
      const bytes = keyBytes(namespace, op.key);
      const before = kv.get(bytes);
      switch (op.op) {
        case 'setIfAbsent':
          if (isLive(before, now)) return false;
          put(bytes, op.bytes, before);
          return true;
        case 'set':
          put(bytes, op.bytes, before);
          return true;
        case 'merge': {
          const live = isLive(before, now);
          const expiresAt = op.expiresAt ?? (live ? expiryOfStored(before) : undefined);
          put(bytes, encodeStored(mergeStored(before, op.fields, now), expiresAt), before);
          return true;
        }
        case 'delete':
          unindex(bytes, before);
          kv.removeSync(bytes);
          return true;
      }
    };
    try {
      const committed = kv.transaction(() =>
        groups.map(({ namespace, ops }) => ops.map((op) => apply(namespace, op))),
      );
      const results = await committed;
      if (this.#durability === 'power') await kv.flushed;
      for (const [i, group] of groups.entries()) group.resolve(results[i] ?? []);
    } catch (error) {
      const failure = new SwitchboardError(
        'SWB_STATE_UNAVAILABLE',
        `the state store could not commit a write: ${describeError(error)}`,
        { cause: error },
      );
      for (const group of groups) group.reject(failure);
    }
  }

  async *#scan<T>(namespace: string, prefix: string): AsyncIterable<readonly [string, T]> {
    const { kv } = this.#db();
    const head = keyBytes(namespace, '').length;
    const now = this.#clock.now();
    for (const { key, value } of kv.getRange(prefixRange(namespace, prefix))) {
      if (isLive(value, now)) yield [key.subarray(head).toString('utf8'), decodeStored(value) as T];
    }
  }

  #db(): { root: RootDatabase; kv: Database<Buffer, Buffer>; expiry: Database<Buffer, Buffer> } {
    if (!this.#root || !this.#kv || !this.#expiry) {
      throw new SwitchboardError('SWB_STATE_UNAVAILABLE', 'the state store is not open');
    }
    return { root: this.#root, kv: this.#kv, expiry: this.#expiry };
  }

  #closeQuietly(): void {
    try {
      this.#root?.close();
    } catch {
      // Nothing more to release.
    }
    this.#root = undefined;
    this.#kv = undefined;
    this.#expiry = undefined;
  }
}

const empty = Buffer.alloc(0);

const ttl = (options: StateWriteOptions | undefined): { ttlMs?: number } =>
  options?.ttlMs === undefined ? {} : { ttlMs: options.ttlMs };

/** Checks an op's values and encodes them now: a bad value fails before anything is written. */
function encoded(op: StateOp, now: number): QueuedOp {
  switch (op.op) {
    case 'set':
    case 'setIfAbsent':
      assertStorable(op.value, op.key);
      return { op: op.op, key: op.key, bytes: encodeStored(op.value, expiryOf(op.ttlMs, now)) };
    case 'merge': {
      assertStorable(op.fields, op.key);
      const expiresAt = expiryOf(op.ttlMs, now);
      return {
        op: 'merge',
        key: op.key,
        fields: encodeFields(op.fields),
        ...(expiresAt === undefined ? {} : { expiresAt }),
      };
    }
    case 'delete':
      return op;
  }
}

function corrupt(dataFile: string, dir: string, why: string, cause?: unknown): SwitchboardError {
  return new SwitchboardError(
    'SWB_STATE_CORRUPT',
    `the state store ${dataFile} cannot be read (${why}): restore the folder ${dir} from a backup, or move it away to start with empty state (de-duplication, call vars and vendor resume points are then lost: vendors may replay events)`,
    cause === undefined ? undefined : { cause },
  );
}

function checkManifest(file: string): void {
  let manifest: Partial<StateManifest>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateManifest>;
  } catch (error) {
    throw new SwitchboardError('SWB_STATE_CORRUPT', `${file} cannot be read: ${describeError(error)}`, {
      cause: error,
    });
  }
  if (manifest.format !== 1 || manifest.engine !== 'lmdb') {
    throw new SwitchboardError(
      'SWB_STATE_CORRUPT',
      `${file} describes a state store this version cannot read (format ${String(manifest.format)}, engine ${String(manifest.engine)})`,
    );
  }
}
