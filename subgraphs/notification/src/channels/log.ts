import type { Logger } from '@shop/platform';
import type { Channel, EmailChannel, EmailMessage, SendResult, ShortMessage, ShortMessageChannel } from './port';

/**
 * Development: writes each message to the log instead of sending it, and never fails. The text part only, so the
 * log stays readable; the recipient is logged because a developer needs to see who would have received it.
 */
export function logChannel(log: Logger, kind: 'email'): EmailChannel;
export function logChannel(log: Logger, kind: 'sms' | 'push'): ShortMessageChannel;
export function logChannel(log: Logger, kind: Channel): EmailChannel | ShortMessageChannel {
  const result: SendResult = { provider: 'log', providerMessageId: null };
  return {
    provider: 'log',
    async send(message: EmailMessage | ShortMessage): Promise<SendResult> {
      const title = 'subject' in message ? message.subject : message.title;
      log.info({ channel: kind, notificationId: message.notificationId, to: message.to, title, text: message.text }, `${kind} message (not sent: log channel)`);
      return result;
    },
    async close(): Promise<void> {},
  };
}
