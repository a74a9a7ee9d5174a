/** How a bounded piece of work ended: with its value, or still unsettled when its time was up. */
export type Settled<T> = { readonly timedOut: false; readonly value: T } | { readonly timedOut: true };

/**
 * Runs `work` and waits at most `ms` for it. An error it throws (even synchronously) rejects as usual;
 * work still pending when the time is up is left behind. The timer keeps the process alive while it
 * waits: a `start()` that awaits nothing the event loop knows about still ends, by timing out.
 */
export async function settleWithin<T>(work: () => T | Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), ms);
  });
  try {
    const done = Promise.resolve()
      .then(work)
      .then((value): Settled<T> => ({ timedOut: false, value }));
    return await Promise.race([done, expired]);
  } finally {
    clearTimeout(timer);
  }
}
