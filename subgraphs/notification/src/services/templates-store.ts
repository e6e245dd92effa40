import type { Channel } from '../channels/port';
import type { NotificationTx } from '../db';
import type { NotificationTemplate } from '../generated/prisma/client';
import { loadTemplateSources, type TemplateSource } from '../templates';

export function sourceOf(row: NotificationTemplate): TemplateSource {
  return {
    name: row.name,
    channel: row.templateType as Channel,
    locale: row.locale,
    description: row.description,
    subject: row.subjectTemplate,
    body: row.bodyTemplate,
    variables: Array.isArray(row.variables) ? row.variables.filter((v): v is string => typeof v === 'string') : [],
  };
}

/** The active templates of a kind on a channel, every locale (pickTemplate chooses). */
export async function activeTemplates(tx: NotificationTx, name: string, channel: Channel): Promise<{ row: NotificationTemplate; source: TemplateSource }[]> {
  const rows = await tx.notificationTemplate.findMany({ where: { name, templateType: channel, isActive: true } });
  return rows.map((row) => ({ row, source: sourceOf(row) }));
}

/**
 * Puts the repository's template files into the database where a (kind, channel, locale) has no row yet; a row
 * staff changed is left as it is. Safe to run on every start of every replica (INSERT … ON CONFLICT DO NOTHING).
 */
export async function seedTemplates(db: NotificationTx): Promise<number> {
  const { count } = await db.notificationTemplate.createMany({
    data: loadTemplateSources().map((s) => ({
      name: s.name,
      templateType: s.channel,
      locale: s.locale,
      description: s.description,
      subjectTemplate: s.subject,
      bodyTemplate: s.body,
      variables: s.variables,
    })),
    skipDuplicates: true,
  });
  return count;
}
