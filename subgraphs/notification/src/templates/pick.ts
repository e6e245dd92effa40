import type { Channel } from '../channels/port';
import type { TemplateSource } from './port';

export const FALLBACK_LOCALE = 'en-US';

/**
 * The template for a message: the recipient's exact locale (de-AT), then its language (de, or another de-XX,
 * first by locale name), then en-US. Locales compare case-insensitively; null when the kind has no template at all.
 */
export function pickTemplate(candidates: TemplateSource[], name: string, channel: Channel, locale: string): TemplateSource | null {
  const matching = candidates
    .filter((c) => c.name === name && c.channel === channel)
    .sort((a, b) => a.locale.localeCompare(b.locale));
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0];
  const byLocale = (test: (l: string) => boolean) => matching.find((c) => test(c.locale.toLowerCase())) ?? null;
  return (
    byLocale((l) => l === wanted) ??
    byLocale((l) => l === language) ??
    byLocale((l) => l.split('-')[0] === language) ??
    byLocale((l) => l === FALLBACK_LOCALE.toLowerCase())
  );
}
