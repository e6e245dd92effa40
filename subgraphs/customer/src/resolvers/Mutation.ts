import type { CustomerContext } from '../context';
import { login, register } from '../services/accounts';
import { addAddress, deleteAddress, setDefaultAddress, updateAddress } from '../services/addresses';
import { adjustLoyaltyPoints, redeemForOrder, returnForOrder } from '../services/loyalty';
import { updatePreferences } from '../services/preferences';
import { updateProfile } from '../services/profile';
import { logout, rotateRefreshToken } from '../services/sessions';
import { setSuspended } from '../services/staff';

type Ctx = CustomerContext;

export const Mutation = {
  register: (_: unknown, args: { input: unknown }, ctx: Ctx) => register(ctx, args.input),
  login: (_: unknown, args: { email: string; password: string }, ctx: Ctx) => login(ctx, args),
  refreshSession: (_: unknown, args: { refreshToken: string }, ctx: Ctx) => rotateRefreshToken(ctx, args.refreshToken),
  logout: (_: unknown, args: { refreshToken: string }, ctx: Ctx) => logout(ctx, args.refreshToken),

  updateProfile: (_: unknown, args: { expectedVersion: number; input: unknown }, ctx: Ctx) => updateProfile(ctx, args.expectedVersion, args.input),
  addAddress: (_: unknown, args: { input: unknown }, ctx: Ctx) => addAddress(ctx, args.input),
  updateAddress: (_: unknown, args: { id: string; input: unknown }, ctx: Ctx) => updateAddress(ctx, args.id, args.input),
  deleteAddress: (_: unknown, args: { id: string }, ctx: Ctx) => deleteAddress(ctx, args.id),
  setDefaultAddress: (_: unknown, args: { id: string }, ctx: Ctx) => setDefaultAddress(ctx, args.id),
  updatePreferences: (_: unknown, args: { input: unknown }, ctx: Ctx) => updatePreferences(ctx, args.input),

  suspendCustomer: (_: unknown, args: { id: string }, ctx: Ctx) => setSuspended(ctx, args.id, true),
  reactivateCustomer: (_: unknown, args: { id: string }, ctx: Ctx) => setSuspended(ctx, args.id, false),
  redeemLoyaltyPoints: (_: unknown, args: { customerId: string; points: number; orderId: string }, ctx: Ctx) => redeemForOrder(ctx, args),
  returnLoyaltyPoints: (_: unknown, args: { customerId: string; points: number; orderId: string }, ctx: Ctx) => returnForOrder(ctx, args),
  adjustLoyaltyPoints: (_: unknown, args: { customerId: string; points: number; reason: string }, ctx: Ctx) =>
    adjustLoyaltyPoints(ctx, args.customerId, args.points, args.reason),
};
