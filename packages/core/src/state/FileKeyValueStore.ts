import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyValueStore, KeyValueStoreFactory } from './KeyValueStore.js';

/** One JSON file per namespace, written atomically (temp file + rename), writes serialized. */
export class FileKeyValueStore implements KeyValueStore {
  readonly #file: string;
  readonly #dir: string;
  #loading: Promise<Record<string, unknown>> | undefined;
  #data: Record<string, unknown> | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(dir: string, namespace: string) {
    this.#dir = dir;
    this.#file = join(dir, `${namespace.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const data = await this.#load();
    return Object.hasOwn(data, key) ? (data[key] as T) : undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    const data = await this.#load();
    data[key] = value;
    await this.#persist();
  }

  async delete(key: string): Promise<void> {
    const data = await this.#load();
    delete data[key];
    await this.#persist();
  }

  /** Reads the file once; concurrent first calls share the same read (no write can be lost to a late read). */
  #load(): Promise<Record<string, unknown>> {
    this.#loading ??= (async () => {
      try {
        this.#data = JSON.parse(await readFile(this.#file, 'utf8')) as Record<string, unknown>;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          this.#loading = undefined;
          throw error;
        }
        this.#data = {};
      }
      return this.#data;
    })();
    return this.#loading;
  }

  #persist(): Promise<void> {
    const snapshot = JSON.stringify(this.#data ?? {}, null, 2);
    this.#writing = this.#writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(this.#dir, { recursive: true });
        const tmp = `${this.#file}.${process.pid}.tmp`;
        await writeFile(tmp, snapshot);
        await rename(tmp, this.#file);
      });
    return this.#writing;
  }
}

export class FileKeyValueStoreFactory implements KeyValueStoreFactory {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }
  open(namespace: string): KeyValueStore {
    return new FileKeyValueStore(this.#dir, namespace);
  }
}

/** Keeps state in memory only; for tests and `rules-runner test`. */
export class MemoryKeyValueStoreFactory implements KeyValueStoreFactory {
  readonly #namespaces = new Map<string, Map<string, unknown>>();
  open(namespace: string): KeyValueStore {
    let map = this.#namespaces.get(namespace);
    if (!map) {
      map = new Map();
      this.#namespaces.set(namespace, map);
    }
    const data = map;
    return {
      get: async <T>(key: string) => data.get(key) as T | undefined,
      set: async (key, value) => {
        data.set(key, structuredClone(value));
      },
      delete: async (key) => {
        data.delete(key);
      },
    };
  }
}
