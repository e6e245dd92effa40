export * from './port';
export { smtpEmailChannel, smtpFailure, type SmtpEmailOptions } from './smtp-email';
export { webhookShortMessageChannel, type WebhookShortMessageOptions } from './webhook-short-message';
export { logChannel } from './log';
