import { Mutation } from './Mutation';
import { Payment, PaymentEvent, PaymentMethod, Refund } from './Payment';
import { Query } from './Query';

export const resolvers = {
  Query,
  Mutation,
  Payment,
  PaymentEvent,
  Refund,
  PaymentMethod,
};
