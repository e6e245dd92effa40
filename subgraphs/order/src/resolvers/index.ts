import { Customer, DiscountCode, Order, OrderDiscount, OrderItem, OrderStatusChange, OrderUpdate } from './Order';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers = { Query, Mutation, Order, OrderItem, OrderDiscount, OrderStatusChange, OrderUpdate, DiscountCode, Customer };
