import { type DaemonProcess, spawnDaemon, type TempDir } from '@switchboard/test-support';

/** One instance as a node's `GET /api/instances` shows it. */
export interface InstanceView {
  readonly name: string;
  readonly node: string;
  readonly role?: 'holder' | 'standby';
  readonly status: { readonly state: string; readonly detail?: string };
  readonly connections: readonly {
    readonly name: string;
    readonly lease?: { readonly role: string; readonly fence?: number; readonly standby: string };
  }[];
}

/** What a node's `GET /readyz` answers. */
export interface Readiness {
  readonly status: number;
  readonly body: { readonly status: string; readonly node: string; readonly state: string };
}

/**
 * One daemon of a cluster: the real `rules-runner start` with its own config file (`node.id` set, the
 * shared Redis, its own admin port), in its own process group.
 */
export class HaNode {
  private constructor(
    readonly id: string,
    readonly daemon: DaemonProcess,
  ) {}

  /**
   * Writes `<id>.yaml` into `dir` from `config(id)` and starts the daemon on it. `env` is the daemon's
   * extra environment (secrets the config names).
   */
  static async start(
    dir: TempDir,
    id: string,
    config: (id: string) => string,
    env: NodeJS.ProcessEnv = {},
  ): Promise<HaNode> {
    const file = await dir.write(`${id}.yaml`, config(id));
    const daemon = await spawnDaemon(file, { cwd: dir.path, env, readyTimeoutMs: 30_000 });
    return new HaNode(id, daemon);
  }

  get admin(): string {
    const admin = this.daemon.admin;
    if (!admin) throw new Error(`node ${this.id} reported no admin surface`);
    return admin;
  }

  /** The node's instances; undefined when it does not answer (killed, or busy beyond `timeoutMs`). */
  async instances(timeoutMs = 2000): Promise<InstanceView[] | undefined> {
    try {
      const response = await fetch(`${this.admin}/api/instances`, { signal: AbortSignal.timeout(timeoutMs) });
      return response.ok ? ((await response.json()) as InstanceView[]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** This node's role for `instance` (undefined when it does not answer). */
  async role(instance: string): Promise<'holder' | 'standby' | undefined> {
    return (await this.instances())?.find((i) => i.name === instance)?.role;
  }

  /** Whether this node holds every leased connection of `instance` (and reports it connected). */
  async holds(instance: string): Promise<boolean> {
    const view = (await this.instances())?.find((i) => i.name === instance);
    return view?.role === 'holder' && view.status.state === 'connected';
  }

  async readyz(timeoutMs = 2000): Promise<Readiness | undefined> {
    try {
      const response = await fetch(`${this.admin}/readyz`, { signal: AbortSignal.timeout(timeoutMs) });
      return { status: response.status, body: (await response.json()) as Readiness['body'] };
    } catch {
      return undefined;
    }
  }

  /** `kill -9` of the daemon's whole process group, as a power loss would; resolves once it exited. */
  async kill(): Promise<void> {
    const pid = this.daemon.process.pid;
    if (pid !== undefined) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await this.daemon.exited;
  }

  /** Graceful stop (SIGTERM, then the group is killed); returns the exit code. */
  stop(): Promise<number | null> {
    return this.daemon.stop('SIGTERM');
  }
}

/** The nodes holding `instance` now, asked all at once. */
export async function holdersOf(nodes: readonly HaNode[], instance: string): Promise<HaNode[]> {
  const holds = await Promise.all(nodes.map((n) => n.holds(instance)));
  return nodes.filter((_, i) => holds[i]);
}
