import { Address, Customer, Loyalty, LoyaltyTransactionType, Preferences } from './Customer';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers = {
  Query,
  Mutation,
  Customer,
  Address,
  Preferences,
  Loyalty,
  LoyaltyTransaction: LoyaltyTransactionType,
};
