import { hashPassword, verifyPassword } from '../src/auth/passwords';
import { earnPoints, pointsToNextTier, redeemPoints, tierFor } from '../src/domain/loyalty';

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
