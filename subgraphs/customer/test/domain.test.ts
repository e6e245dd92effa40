import { hashPassword, verifyPassword } from '../src/auth/passwords';
import { earnPoints, pointsForPaid, pointsToNextTier, pointsToTakeBack, redeemPoints, revokePoints, tierFor } from '../src/domain/loyalty';

const tiers = { premium: 1000, vip: 5000 };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
};

describe('loyalty rules', () => {
  it('derives the tier from tier points at the configured thresholds', () => {
    expect([0, 999, 1000, 4999, 5000].map((p) => tierFor(p, tiers))).toEqual(['regular', 'regular', 'premium', 'premium', 'vip']);
    expect([0, 1000, 5000].map((p) => pointsToNextTier(p, tiers))).toEqual([1000, 4000, null]);
  });

  it('earns into balance, lifetime and tier points; redeems from the balance only', () => {
    const earned = earnPoints({ pointsBalance: 10, lifetimePoints: 10, tierPoints: 10 }, 5);
    expect(earned).toEqual({ pointsBalance: 15, lifetimePoints: 15, tierPoints: 15 });
    expect(redeemPoints(earned, 15)).toEqual({ pointsBalance: 0, lifetimePoints: 15, tierPoints: 15 });
  });

  it('refuses to redeem more than the balance, and zero, negative or fractional amounts', () => {
    const balance = { pointsBalance: 10, lifetimePoints: 10, tierPoints: 10 };
    expect(codeOf(() => redeemPoints(balance, 11))).toBe('CONFLICT');
    expect(codeOf(() => redeemPoints(balance, 0))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => earnPoints(balance, -3))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => earnPoints(balance, 1.5))).toBe('BAD_USER_INPUT');
  });
});

describe('passwords', () => {
  it('verifies the right password only, with a fresh salt per hash', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });
});

describe('points for orders', () => {
  it('earns per whole currency unit paid, rounded down, at the configured rate', () => {
    expect([pointsForPaid('108.25', 1), pointsForPaid('0.99', 1), pointsForPaid('10.00', 1.5), pointsForPaid('0.00', 1), pointsForPaid('-5.00', 1)]).toEqual([108, 0, 15, 0, 0]);
  });

  it('takes back only what an order counts for beyond what is still paid', () => {
    expect([pointsToTakeBack(100, 70), pointsToTakeBack(70, 70), pointsToTakeBack(0, 10)]).toEqual([30, 0, 0]);
  });

  it('never takes the balance below zero, and says how much came from it', () => {
    expect(revokePoints({ pointsBalance: 20, lifetimePoints: 100, tierPoints: 100 }, 30)).toEqual({ pointsBalance: 0, lifetimePoints: 70, tierPoints: 70, takenFromBalance: 20 });
    expect(revokePoints({ pointsBalance: 5, lifetimePoints: 5, tierPoints: 5 }, 50)).toEqual({ pointsBalance: 0, lifetimePoints: 0, tierPoints: 0, takenFromBalance: 5 });
  });
});
