import { Mutation } from './Mutation';
import { Query } from './Query';
import { Customer, EmailEvent, Notification, NotificationAttempt, NotificationTemplate } from './types';

export const resolvers = { Query, Mutation, Customer, Notification, NotificationAttempt, EmailEvent, NotificationTemplate };
