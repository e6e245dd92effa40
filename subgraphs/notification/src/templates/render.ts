import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { compile as compileHtmlToText } from 'html-to-text';
import { checkTemplate, MAX_SUBJECT_LENGTH } from './check';
import type { RenderedMessage, TemplateSource } from './port';

type Compiled = (values: unknown) => string;
interface CompiledTemplate {
  subject: Compiled | null;
  body: Compiled;
}

// An environment of our own: helpers registered elsewhere in the process never reach a template.
const handlebars = Handlebars.create();
handlebars.unregisterHelper('log');
handlebars.unregisterHelper('lookup');
const KNOWN_HELPERS = { if: true, unless: true, each: true, with: true, log: false, lookup: false } as const;

/** Compiled templates by content hash: a template is checked and compiled once, however many messages use it. */
const cache = new Map<string, CompiledTemplate>();
const CACHE_LIMIT = 1_000;

function contentHash(source: TemplateSource): string {
  const hash = createHash('sha256');
  for (const part of [source.channel, source.subject ?? '', source.body, ...source.variables]) hash.update(part).update('\0');
  return hash.digest('hex');
}

function compile(source: TemplateSource): CompiledTemplate {
  const key = contentHash(source);
  const hit = cache.get(key);
  if (hit) return hit;
  checkTemplate(source);
  const options = (noEscape: boolean) => ({ knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, noEscape });
  const compiled: CompiledTemplate = {
    subject: source.subject ? handlebars.compile(source.subject, options(true)) : null,
    body: handlebars.compile(source.body, options(source.channel !== 'email')),
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

const URL_KEY = /url$/i;
const SAFE_URL = /^https?:\/\//i;

/** A copy of the values where a link that is not http(s) (e.g. `javascript:`) becomes empty. */
function safeValues(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => safeValues(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safeValues(v, k)]));
  }
  if (URL_KEY.test(key) && typeof value === 'string' && !SAFE_URL.test(value.trim())) return '';
  return value;
}

// Control characters have no place in a text message; \n and \t stay (line breaks written in the template).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const LINE_BREAKS_AND_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

/** A subject or push title on one line: a value with CR/LF must not add a mail header. */
function oneLine(text: string): string {
  const line = text.replace(LINE_BREAKS_AND_CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
  return line.length > MAX_SUBJECT_LENGTH ? `${line.slice(0, MAX_SUBJECT_LENGTH - 1)}…` : line;
}

function plainText(text: string): string {
  return text.replace(CONTROL, '').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}

function htmlDocument(body: string, subject: string, locale: string): string {
  if (/<html[\s>]/i.test(body)) return body;
  return [
    '<!DOCTYPE html>',
    `<html lang="${Handlebars.escapeExpression(locale)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${Handlebars.escapeExpression(subject)}</title></head>`,
    '<body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; line-height: 1.5; color: #222;">',
    body,
    '</body>',
    '</html>',
  ].join('\n');
}

// Compiled once: building html-to-text's converter costs more than converting a message.
const textFromHtml = compileHtmlToText({
  wordwrap: 78,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/**
 * Renders a template with the values of one message. Email: every value HTML-escaped in the body, wrapped in an
 * HTML document, with a plain-text part generated from it. SMS and push: plain text, unescaped, without control
 * characters. Subjects and titles: unescaped, on one line (no CR/LF, so no header injection), at most 500 characters.
 * Throws BAD_USER_INPUT for a template checkTemplate refuses.
 */
export function renderTemplate(source: TemplateSource, values: Record<string, unknown>): RenderedMessage {
  const compiled = compile(source);
  const safe = safeValues(values);
  const subject = compiled.subject ? oneLine(compiled.subject(safe)) : null;
  const body = compiled.body(safe);
  if (source.channel !== 'email') return { subject, html: null, text: plainText(body) };
  return { subject, html: htmlDocument(body, subject ?? '', source.locale), text: plainText(textFromHtml(body)) };
}
