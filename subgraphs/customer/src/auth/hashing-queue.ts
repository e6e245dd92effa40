import { shopError } from '@shop/platform';

export interface HashingQueue {
  /** Runs `work` when a slot is free; RATE_LIMITED at once when too many are already waiting. */
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

/**
 * Password hashing is deliberately expensive (scrypt, 32 MiB and ~0.3 s of a core each) and runs on libuv's
 * threadpool, which has 4 threads by default and also signs and verifies every access token (jose), reads
 * files and resolves host names. Unbounded, a burst of sign-ups fills the threadpool: token signing inside
 * other requests waits behind dozens of hashes, and every request slows down. So at most `concurrency` hashes
 * run at a time (leaving the rest of the threadpool free), at most `maxWaiting` wait in line for at most
 * `maxWaitMs`, and anyone beyond that is told to come back shortly (RATE_LIMITED) rather than queued without
 * bound — an answer within seconds on any machine, well inside the gateway's time budget.
 */
export function createHashingQueue({ concurrency, maxWaiting, maxWaitMs }: { concurrency: number; maxWaiting: number; maxWaitMs: number }): HashingQueue {
  let running = 0;
  const line: (() => void)[] = [];
  const busy = () => shopError('RATE_LIMITED', 'The shop is busy signing people in. Try again in a few seconds.', { reason: 'BUSY', retryAfterSeconds: 5 });
  return {
    get running() {
      return running;
    },
    get waiting() {
      return line.length;
    },
    async run(work) {
      if (running < concurrency) {
        running++;
      } else {
        if (line.length >= maxWaiting) throw busy();
        // The finishing run hands its slot over; a waiter that has not got one in time gives up its place.
        await new Promise<void>((resolve, reject) => {
          const turn = () => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(() => {
            line.splice(line.indexOf(turn), 1);
            reject(busy());
          }, maxWaitMs).unref();
          line.push(turn);
        });
      }
      try {
        return await work();
      } finally {
        const next = line.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
