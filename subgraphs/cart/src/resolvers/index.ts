import { Cart, CartLine } from './Cart';
import { Customer, ProductVariant } from './entities';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers = { Query, Mutation, Cart, CartLine, ProductVariant, Customer };
