import { login, register } from '../services/accounts';
import { addAddress, deleteAddress, setDefaultAddress, updateAddress } from '../services/addresses';
import { adjustLoyaltyPoints, redeemForOrder, returnForOrder } from '../services/loyalty';
import { updatePreferences } from '../services/preferences';
import { updateProfile } from '../services/profile';
import { logout, rotateRefreshToken } from '../services/sessions';
import { setSuspended } from '../services/staff';
import type { MutationResolvers } from './types.generated';

export const Mutation: MutationResolvers = {
  register: (_, args, ctx) => register(ctx, args.input),
  login: (_, args, ctx) => login(ctx, args),
  refreshSession: (_, args, ctx) => rotateRefreshToken(ctx, args.refreshToken),
  logout: (_, args, ctx) => logout(ctx, args.refreshToken),

  updateProfile: (_, args, ctx) => updateProfile(ctx, args.expectedVersion, args.input),
  addAddress: (_, args, ctx) => addAddress(ctx, args.input),
  updateAddress: (_, args, ctx) => updateAddress(ctx, args.id, args.input),
  deleteAddress: (_, args, ctx) => deleteAddress(ctx, args.id),
  setDefaultAddress: (_, args, ctx) => setDefaultAddress(ctx, args.id),
  updatePreferences: (_, args, ctx) => updatePreferences(ctx, args.input),

  suspendCustomer: (_, args, ctx) => setSuspended(ctx, args.id, true),
  reactivateCustomer: (_, args, ctx) => setSuspended(ctx, args.id, false),
  redeemLoyaltyPoints: (_, args, ctx) => redeemForOrder(ctx, args),
  returnLoyaltyPoints: (_, args, ctx) => returnForOrder(ctx, args),
  adjustLoyaltyPoints: (_, args, ctx) =>
    adjustLoyaltyPoints(ctx, args.customerId, args.points, args.reason),
};
