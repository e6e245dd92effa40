import { Mutation } from './Mutation';
import { Payment, PaymentEvent } from './Payment';
import { PaymentMethod } from './PaymentMethod';
import { Refund } from './Refund';
import { Query } from './Query';

export const resolvers = {
  Query,
  Mutation,
  Payment,
  PaymentEvent,
  Refund,
  PaymentMethod,
};
