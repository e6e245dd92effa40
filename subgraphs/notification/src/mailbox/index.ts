export { startDevMailbox, type DevMailbox, type DevMailboxOptions } from './dev-mailbox';
export type { ReceivedMessage } from './smtp-receiver';
