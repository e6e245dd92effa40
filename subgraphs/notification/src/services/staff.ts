import { assertAdmin, badUserInput, conflict, emailAddress, newestFirstPage, notFound, parseId, parseInput, type PageArgs } from '@shop/platform';
import { z } from 'zod';
import type { Channel } from '../channels/port';
import type { NotificationContext } from '../context';
import { inTransaction } from '../db';
import { createdRange, lower, notificationFilter } from '../domain/inputs';
import { addressRecipientId, phoneNumber } from '../domain/recipients';
import type { Notification, NotificationTemplate } from '../generated/prisma/client';
import { checkTemplate, FALLBACK_LOCALE, pickTemplate, renderTemplate, sampleValues, type RenderedMessage, type TemplateSource } from '../templates';
import { activeTemplates } from './templates-store';

/** Staff search over every message, newest first. */
export function searchNotifications(ctx: NotificationContext, args: PageArgs & { filter?: unknown }) {
  assertAdmin(ctx.viewer);
  const f = parseInput(notificationFilter, args.filter) ?? {};
  return newestFirstPage(ctx.db.notification, 'notifications', {
    ...(f.recipientId && { recipientId: f.recipientId.toLowerCase() }),
    ...(f.recipientEmail && { recipientEmail: { equals: f.recipientEmail, mode: 'insensitive' } }),
    ...(f.type && { notificationType: f.type }),
    ...(f.channel && { channel: lower(f.channel) }),
    ...(f.status && { status: lower(f.status) }),
    ...createdRange(f.createdFrom, f.createdTo),
  }, args);
}

export async function notificationById(ctx: NotificationContext, id: string): Promise<Notification | null> {
  assertAdmin(ctx.viewer);
  return ctx.db.notification.findUnique({ where: { id: parseId(id) } });
}

/**
 * Due again now, with its attempts counted afresh, to the recipient's current address (a customer who fixed a
 * bounced address gets it there). A message still pending is CONFLICT: the worker has it.
 */
export async function resendNotification(ctx: NotificationContext, id: string): Promise<Notification> {
  assertAdmin(ctx.viewer);
  const notificationId = parseId(id);
  return inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string | null }[]>`SELECT status FROM notifications WHERE id = ${notificationId}::uuid FOR UPDATE`;
    if (!row) throw notFound('That notification');
    if (row.status === 'pending') throw conflict('This message is still waiting to be sent; it cannot be resent yet.');
    const current = await tx.notification.findUniqueOrThrow({ where: { id: notificationId } });
    const contact = current.channel === 'email' ? await tx.contact.findUnique({ where: { customerId: current.recipientId } }) : null;
    return tx.notification.update({
      where: { id: notificationId },
      data: {
        status: 'pending',
        retryCount: 0,
        failureReason: null,
        nextRetryAt: ctx.settings.now(),
        ...(contact && { recipientEmail: contact.email }),
      },
    });
  });
}

export function listTemplates(ctx: NotificationContext, args: { name?: string | null; channel?: string | null }): Promise<NotificationTemplate[]> {
  assertAdmin(ctx.viewer);
  return ctx.db.notificationTemplate.findMany({
    where: { ...(args.name && { name: args.name }), ...(args.channel && { templateType: lower(args.channel) }) },
    orderBy: [{ name: 'asc' }, { templateType: 'asc' }, { locale: 'asc' }],
  });
}

export async function templateById(ctx: NotificationContext, id: string): Promise<NotificationTemplate | null> {
  assertAdmin(ctx.viewer);
  return ctx.db.notificationTemplate.findUnique({ where: { id: parseId(id) } });
}

interface TemplateInput {
  name: string;
  channel: string;
  locale?: string | null;
  description?: string | null;
  subject?: string | null;
  body: string;
  variables: string[];
  isActive?: boolean | null;
}

const sourceFromInput = (input: TemplateInput): TemplateSource => ({
  name: input.name,
  channel: lower(input.channel) as Channel,
  locale: input.locale ?? FALLBACK_LOCALE,
  description: input.description ?? null,
  subject: input.subject ?? null,
  body: input.body,
  variables: input.variables,
});

/** Checked first (checkTemplate: BAD_USER_INPUT naming an undeclared variable or bad syntax); nothing is written otherwise. */
export async function saveTemplate(ctx: NotificationContext, input: TemplateInput): Promise<NotificationTemplate> {
  assertAdmin(ctx.viewer);
  const source = sourceFromInput(input);
  checkTemplate(source);
  const fields = {
    description: source.description,
    subjectTemplate: source.subject,
    bodyTemplate: source.body,
    variables: source.variables,
    isActive: input.isActive ?? true,
    updatedAt: ctx.settings.now(),
  };
  return ctx.db.notificationTemplate.upsert({
    where: { name_templateType_locale: { name: source.name, templateType: source.channel, locale: source.locale } },
    create: { name: source.name, templateType: source.channel, locale: source.locale, ...fields },
    update: fields,
  });
}

export function previewTemplate(ctx: NotificationContext, input: TemplateInput): RenderedMessage {
  assertAdmin(ctx.viewer);
  const source = sourceFromInput(input);
  return renderTemplate(source, sampleValues(source.name));
}

const testInput = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, 'must be a kind like order_confirmation'),
  channel: z.enum(['EMAIL', 'SMS', 'PUSH']),
  locale: z.string().max(35).nullish(),
  to: z.string().max(255),
});

/** A kind's active template, rendered with sample values, queued to an address or number staff gave. */
export async function sendTestNotification(ctx: NotificationContext, raw: unknown): Promise<Notification> {
  assertAdmin(ctx.viewer);
  const input = parseInput(testInput, raw);
  const channel = lower(input.channel) as Channel;
  const to = parseInput(z.object({ to: channel === 'email' ? emailAddress : channel === 'sms' ? phoneNumber : z.uuid() }), { to: input.to }).to;
  return inTransaction(ctx.db, async (tx) => {
    const candidates = await activeTemplates(tx, input.name, channel);
    const source = pickTemplate(candidates.map((c) => c.source), input.name, channel, input.locale ?? FALLBACK_LOCALE);
    if (!source) throw badUserInput(`There is no active ${channel} template for ${input.name}.`, [{ field: 'name', message: 'no active template' }]);
    const rendered = renderTemplate(source, sampleValues(source.name));
    const now = ctx.settings.now();
    return tx.notification.create({
      data: {
        templateId: candidates.find((c) => c.source === source)!.row.id,
        recipientId: channel === 'push' ? to : addressRecipientId(to),
        recipientEmail: channel === 'email' ? to : null,
        recipientPhone: channel === 'sms' ? to : null,
        notificationType: source.name,
        channel,
        subject: rendered.subject,
        content: rendered.html ?? rendered.text,
        textContent: rendered.html ? rendered.text : null,
        metadata: { locale: source.locale, category: 'test' },
        maxRetries: ctx.settings.maxRetries,
        nextRetryAt: now,
        createdAt: now,
      },
    });
  });
}
