import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers = { Query, Mutation };
