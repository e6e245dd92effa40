import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { shopError, type Redis } from '@shop/platform';

/**
 * Sign-in and sign-up limits, after OWASP's authentication guidance: failures slow down the pair (email, client
 * network) sharply, so guessing one account from one place is slow, while nobody else can lock its owner out:
 *
 * - pair: after `perPair` failures, each next attempt waits `firstDelaySeconds`, then twice as long after each
 *   further failure (1 s, 2 s, 4 s … by default) up to `maxDelaySeconds`; a success
 *   clears the pair and remembers it as the owner's known place for `knownForDays`.
 * - email, across places it never signed in from: after `perEmail` failures in a window, attempts are slowed to
 *   one per `emailSlowedSeconds` — never locked.
 * - address (network), across emails it never signed in to: after `perAddress` failures in a window, further
 *   attempts wait for the window to end.
 *
 * A known pair (the owner at their usual address) is held only by its own pair limit, so an attacker's failures
 * from elsewhere, or from the same network for other accounts, do not stop the owner.
 * Every attempt is counted before the password is checked (atomically, in Redis for every replica) and given
 * back if it succeeds, so a burst of simultaneous guesses is counted like a sequence.
 */
export interface AccountLimitSettings {
  perPair: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  perEmail: number;
  emailSlowedSeconds: number;
  perAddress: number;
  windowSeconds: number;
  /** New accounts per client network per `registrationWindowSeconds`. */
  registrationsPerAddress: number;
  registrationWindowSeconds: number;
  knownForDays: number;
  /** Separates counters of independent deployments (and test runs) sharing one Redis. */
  namespace?: string;
}

export const DEFAULT_ACCOUNT_LIMITS: AccountLimitSettings = {
  perPair: 5,
  firstDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  perEmail: 50,
  emailSlowedSeconds: 10,
  perAddress: 30,
  windowSeconds: 15 * 60,
  registrationsPerAddress: 20,
  registrationWindowSeconds: 60 * 60,
  knownForDays: 90,
};

export interface SignInAttempt {
  /** The password was right: the attempt was no failure, and this place becomes the account's known place. */
  succeeded(): Promise<void>;
  /** The password could not be checked (the shop was busy): the attempt counts for nothing. */
  withdrawn(): Promise<void>;
}

export interface AccountLimits {
  /** Counts a sign-in attempt as a failure until it succeeds, or refuses it with RATE_LIMITED. */
  admitSignIn(email: string, clientAddress: string): Promise<SignInAttempt>;
  /** Counts a registration from this client network, or refuses it with RATE_LIMITED. */
  admitRegistration(clientAddress: string): Promise<void>;
  /** A registration the shop was too busy to finish counts for nothing. */
  registrationWithdrawn(clientAddress: string): Promise<void>;
}

const DAY = 86_400;
/** How long a pair's failures are remembered (from its first failure) when it never succeeds. */
const PAIR_MEMORY_SECONDS = DAY;

/**
 * The in-process limiter forgets a key with a timer, and Node fires a timer longer than 2^31 ms (24.8 days) after
 * 1 ms: in process (npm start without Redis, which restarts forget anyway) longer memories are cut to 24 days.
 */
const IN_PROCESS_MAX_SECONDS = 24 * DAY;

export function createAccountLimits(settings: AccountLimitSettings, redis?: Redis): AccountLimits {
  const prefix = settings.namespace ? `accounts:${settings.namespace}` : 'accounts';
  const lasting = (seconds: number) => (redis ? seconds : Math.min(seconds, IN_PROCESS_MAX_SECONDS));
  const make = (name: string, points: number, duration: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:${name}`, points, duration })
      : new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration: lasting(duration) });
  const pairFailures = make('pair', Number.MAX_SAFE_INTEGER, PAIR_MEMORY_SECONDS);
  const pairWait = make('pair-wait', 1, 1); // each key's own duration: the current delay
  const knownPairs = make('known', 1, settings.knownForDays * DAY);
  const emailFailures = make('email', settings.perEmail, settings.windowSeconds);
  const emailSlowed = make('email-slowed', 1, settings.emailSlowedSeconds);
  const addressFailures = make('address', settings.perAddress, settings.windowSeconds);
  const registrations = make('registrations', settings.registrationsPerAddress, settings.registrationWindowSeconds);
  const delayFor = (beyond: number) => Math.min(settings.firstDelaySeconds * 2 ** Math.min(beyond - 1, 30), settings.maxDelaySeconds);

  return {
    async admitSignIn(email, clientAddress) {
      const network = networkOf(clientAddress);
      const pair = digest(`${email}\n${network}`);
      const account = digest(email);
      const known = (await knownPairs.get(pair)) !== null;
      const refunds: (() => Promise<unknown>)[] = [];
      try {
        const ordinal = (await pairFailures.consume(pair)).consumedPoints;
        refunds.push(() => pairFailures.reward(pair));
        if (ordinal > settings.perPair) {
          await pairWait.consume(pair, 1, { customDuration: delayFor(ordinal - settings.perPair) });
          refunds.push(() => pairWait.delete(pair)); // the wait this attempt started, if it comes to nothing
        }
        if (!known) {
          const addressSpent = await counted(addressFailures, network);
          refunds.push(() => addressFailures.reward(network));
          if (addressSpent) throw addressSpent;
          const emailSpent = await counted(emailFailures, account);
          refunds.push(() => emailFailures.reward(account));
          if (emailSpent) await emailSlowed.consume(account);
        }
      } catch (error) {
        await giveBack(refunds);
        if (error instanceof RateLimiterRes) throw rateLimited('SIGN_IN_ATTEMPTS', 'Too many sign-in attempts.', error.msBeforeNext);
        throw error;
      }
      return {
        async succeeded() {
          await Promise.all([
            pairFailures.delete(pair),
            pairWait.delete(pair),
            knownPairs.set(pair, 1, lasting(settings.knownForDays * DAY)),
            ...(known ? [] : [addressFailures.reward(network), emailFailures.reward(account)]),
          ]);
        },
        withdrawn: () => giveBack(refunds),
      };
    },
    async admitRegistration(clientAddress) {
      try {
        await registrations.consume(networkOf(clientAddress));
      } catch (error) {
        if (error instanceof RateLimiterRes) throw rateLimited('REGISTRATIONS', 'Too many new accounts from your network.', error.msBeforeNext);
        throw error;
      }
    },
    async registrationWithdrawn(clientAddress) {
      await registrations.reward(networkOf(clientAddress));
    },
  };
}

const giveBack = async (refunds: (() => Promise<unknown>)[]) => void (await Promise.all(refunds.map((refund) => refund())));

/** Counts one point; the refusal when that went over the limit (the point still counts until given back). */
async function counted(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error;
    throw error;
  }
}

/** `reason` tells a client which limit it met: SIGN_IN_ATTEMPTS or REGISTRATIONS (BUSY: the hashing line). */
function rateLimited(reason: string, what: string, msBeforeNext: number) {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait = retryAfterSeconds < 120 ? `${retryAfterSeconds} second(s)` : `${Math.ceil(retryAfterSeconds / 60)} minute(s)`;
  return shopError('RATE_LIMITED', `${what} Try again in ${wait}.`, { reason, retryAfterSeconds });
}

/** Emails and addresses stay out of Redis keys. */
const digest = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * The client's network for counting: an IPv4 address as is (also when IPv4-mapped), an IPv6 address by its /64,
 * which one household or host usually holds whole — counting single IPv6 addresses would give it 2^64 budgets.
 */
export function networkOf(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  const bare = address.split('%')[0];
  if (!isIPv6(bare)) return address;
  const [head, tail] = bare.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const known = [...groups(head), ...(tail === undefined ? [] : groups(tail))].length;
  const full = tail === undefined ? groups(head) : [...groups(head), ...Array(8 - known).fill('0'), ...groups(tail)];
  return `${full.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
