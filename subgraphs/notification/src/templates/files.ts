import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Channel } from '../channels/port';
import type { TemplateSource } from './port';

/**
 * The template files seeded into notification_templates: `templates/<locale>/<name>.<channel>.hbs`, each starting
 * with a short header between `---` lines (description, subject, variables; see templates/README.md).
 * The directory is found relative to this package, so it is the same from src/ (jest) and from dist/ (after tsc).
 */
export const TEMPLATES_DIR = resolve(__dirname, '..', '..', 'templates');

const FILE_NAME = /^([a-z][a-z0-9_]*)\.(email|sms|push)\.hbs$/;
const HEADER_KEYS = new Set(['description', 'subject', 'variables']);

/** Splits a template file into its header fields and its body. Continuation lines of a field are indented. */
export function parseTemplateFile(text: string, where: string): { header: Map<string, string>; body: string } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0].trim() !== '---') throw new Error(`${where}: a template file starts with a "---" header line`);
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new Error(`${where}: the header has no closing "---" line`);
  const header = new Map<string, string>();
  let key: string | null = null;
  for (const line of lines.slice(1, end)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (/^\s/.test(line) && key) {
      header.set(key, `${header.get(key)} ${line.trim()}`.trim());
      continue;
    }
    const match = /^([a-z]+):\s*(.*)$/.exec(line);
    if (!match || !HEADER_KEYS.has(match[1])) throw new Error(`${where}: unknown header line "${line}"`);
    key = match[1];
    header.set(key, match[2].trim());
  }
  return { header, body: `${lines.slice(end + 1).join('\n').trim()}\n` };
}

export function templateFromFile(text: string, locale: string, fileName: string): TemplateSource {
  const match = FILE_NAME.exec(fileName);
  if (!match) throw new Error(`${locale}/${fileName}: template files are named <name>.<email|sms|push>.hbs`);
  const { header, body } = parseTemplateFile(text, `${locale}/${fileName}`);
  const variables = (header.get('variables') ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return {
    name: match[1],
    channel: match[2] as Channel,
    locale,
    description: header.get('description') || null,
    subject: header.get('subject') || null,
    body,
    variables,
  };
}

/** Every template under `dir` (default: the package's templates/), sorted by name, channel and locale. */
export function loadTemplateSources(dir: string = TEMPLATES_DIR): TemplateSource[] {
  const sources: TemplateSource[] = [];
  for (const locale of readdirSync(dir, { withFileTypes: true })) {
    if (!locale.isDirectory()) continue;
    for (const file of readdirSync(join(dir, locale.name))) {
      if (!file.endsWith('.hbs')) continue;
      sources.push(templateFromFile(readFileSync(join(dir, locale.name, file), 'utf8'), locale.name, file));
    }
  }
  const key = (s: TemplateSource) => `${s.name}\0${s.channel}\0${s.locale}`;
  return sources.sort((a, b) => key(a).localeCompare(key(b)));
}
