import Handlebars from 'handlebars';
import { ShopError } from '@shop/platform';
import type { TemplateSource } from './port';
import { TEMPLATE_VARIABLES } from './variables';

type Node = hbs.AST.Node;
type Part = 'subject' | 'body';

/** Block helpers a template may use; each and with change the context `../` climbs out of, if and unless do not. */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const BUILTIN_HELPERS = new Set([...BLOCK_HELPERS, 'log', 'lookup', 'helperMissing', 'blockHelperMissing']);
const LOOP_DATA = new Set(['index', 'first', 'last', 'key']);

const NAME = /^[a-z][a-z0-9_]{0,99}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
export const MAX_SUBJECT_LENGTH = 500;
const MAX_BODY_LENGTH = { email: 100_000, sms: 1_600, push: 1_000 } as const;

function invalid(field: string, message: string): ShopError {
  return new ShopError('BAD_USER_INPUT', message, { fields: [{ field, message }] });
}

interface Scope {
  /** The context path of every enclosing #each/#with, innermost last; the root is []. */
  contexts: string[][];
  /** Block parameters (`as |line i|`) in sight: name → the item's path, or null for the index. */
  params: Map<string, string[] | null>;
  inLoop: boolean;
}

/** Collects every variable a Handlebars template reads, in document order, refusing what a template may not do. */
class VariableCollector {
  /** `block`: the subject of #if/#each/#with, which may be an object whose declared fields are used inside. */
  readonly used: { path: string; block: boolean }[] = [];

  constructor(
    private readonly part: Part,
    private readonly refuseUnescaped: boolean,
  ) {}

  visitProgram(program: hbs.AST.Program, scope: Scope): void {
    for (const statement of program.body) this.visit(statement, scope);
  }

  private visit(node: Node, scope: Scope): void {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        return this.visitMustache(node as hbs.AST.MustacheStatement, scope);
      case 'BlockStatement':
        return this.visitBlock(node as hbs.AST.BlockStatement, scope);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        throw invalid(this.part, `Template ${this.part} uses a partial ({{> …}}); partials are not available in templates.`);
      default:
        throw invalid(this.part, `Template ${this.part} uses a construct that is not allowed (${node.type}).`);
    }
  }

  private visitMustache(node: hbs.AST.MustacheStatement, scope: Scope): void {
    if (node.path.type !== 'PathExpression') return; // a literal such as {{"text"}} reads nothing
    const path = node.path as hbs.AST.PathExpression;
    if (node.params.length > 0 || node.hash || this.isHelperName(path)) {
      throw invalid(this.part, `Template ${this.part} uses unknown helper "${path.original}".`);
    }
    if (!node.escaped && this.refuseUnescaped) {
      throw invalid(this.part, `Template ${this.part} writes "${path.original}" unescaped ({{{ }}}); email bodies must escape every value.`);
    }
    this.read(path, scope, false);
  }

  private visitBlock(node: hbs.AST.BlockStatement, scope: Scope): void {
    const helper = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : String(node.path.type);
    if (!BLOCK_HELPERS.has(helper)) {
      throw invalid(this.part, `Template ${this.part} uses unknown helper "${helper}"; blocks may use #if, #unless, #each and #with.`);
    }
    const [subject, ...rest] = node.params;
    if (!subject || rest.length > 0 || node.hash) throw invalid(this.part, `Template ${this.part}: #${helper} takes exactly one value.`);
    let target: string[] | null = null;
    if (subject.type === 'PathExpression') target = this.read(subject as hbs.AST.PathExpression, scope, true);
    else if (subject.type === 'SubExpression') throw invalid(this.part, `Template ${this.part} uses a helper call inside #${helper}.`);

    let inner = scope;
    if (helper === 'each' || helper === 'with') {
      if (!target) throw invalid(this.part, `Template ${this.part}: #${helper} needs a variable, not a literal.`);
      const params = new Map(scope.params);
      const [itemName, indexName] = node.program.blockParams ?? [];
      if (itemName) params.set(itemName, target);
      if (indexName) params.set(indexName, null);
      inner = { contexts: [...scope.contexts, target], params, inLoop: scope.inLoop || helper === 'each' };
    }
    this.visitProgram(node.program, inner);
    if (node.inverse) this.visitProgram(node.inverse, scope);
  }

  private isHelperName(path: hbs.AST.PathExpression): boolean {
    return !path.data && path.depth === 0 && path.parts.length === 1 && !isThisPath(path) && BUILTIN_HELPERS.has(path.parts[0]);
  }

  /** Records the variable a path reads and returns its full path (null for loop data such as @index). */
  private read(path: hbs.AST.PathExpression, scope: Scope, block: boolean): string[] | null {
    let full: string[];
    if (path.data) {
      const [head, ...tail] = path.parts;
      if (head === 'root' && tail.length > 0) full = tail;
      else if (LOOP_DATA.has(head) && tail.length === 0 && scope.inLoop) return null;
      else throw invalid(this.part, `Template ${this.part} uses unknown data variable "${path.original}".`);
    } else {
      const param = path.depth === 0 && !isThisPath(path) ? scope.params.get(path.parts[0]) : undefined;
      if (param === null) {
        if (path.parts.length > 1) throw invalid(this.part, `Template ${this.part} reads a field of a loop index ("${path.original}").`);
        return null;
      }
      if (param) {
        full = [...param, ...path.parts.slice(1)];
      } else {
        const context = scope.contexts[scope.contexts.length - 1 - path.depth];
        if (!context) throw invalid(this.part, `Template ${this.part} climbs above the top with "${path.original}".`);
        full = [...context, ...path.parts];
      }
    }
    if (full.length === 0) throw invalid(this.part, `Template ${this.part} writes the whole set of values ("${path.original}"); name a variable.`);
    this.used.push({ path: full.join('.'), block });
    return full;
  }
}

function isThisPath(path: hbs.AST.PathExpression): boolean {
  return /^(this|\.)(\/|\.|$)/.test(path.original);
}

/** Parses a template part; a syntax error becomes BAD_USER_INPUT with Handlebars' own description (line and column). */
function parseTemplatePart(part: Part, text: string): hbs.AST.Program {
  try {
    return Handlebars.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw invalid(part, `Template ${part} has a syntax error: ${detail}`);
  }
}

/** Every variable a template part reads, in document order. */
function collect(part: Part, text: string, refuseUnescaped: boolean): VariableCollector['used'] {
  const collector = new VariableCollector(part, refuseUnescaped);
  collector.visitProgram(parseTemplatePart(part, text), { contexts: [[]], params: new Map(), inLoop: false });
  return collector.used;
}

function checkShape(source: TemplateSource): void {
  if (!NAME.test(source.name)) throw invalid('name', 'A template name is lower case letters, digits and underscores (e.g. order_shipped).');
  if (!['email', 'sms', 'push'].includes(source.channel)) throw invalid('channel', 'A template channel is email, sms or push.');
  if (!LOCALE.test(source.locale)) throw invalid('locale', `"${source.locale}" is not a locale such as en-US or de-DE.`);
  if (source.channel === 'email' && !source.subject?.trim()) throw invalid('subject', 'An email template needs a subject.');
  if (source.channel === 'sms' && source.subject) throw invalid('subject', 'An SMS template has no subject.');
  if ((source.subject?.length ?? 0) > MAX_SUBJECT_LENGTH) throw invalid('subject', `A subject is at most ${MAX_SUBJECT_LENGTH} characters.`);
  if (!source.body.trim()) throw invalid('body', 'A template needs a body.');
  const maxBody = MAX_BODY_LENGTH[source.channel];
  if (source.body.length > maxBody) throw invalid('body', `A ${source.channel} template body is at most ${maxBody} characters.`);
  for (const variable of source.variables) {
    if (!VARIABLE.test(variable) || !TEMPLATE_VARIABLES.has(variable)) {
      throw invalid('variables', `Template declares unknown variable "${variable}"; nothing fills it when a message is sent.`);
    }
  }
}

/**
 * Checks a template before it is saved or seeded: its shape, its Handlebars syntax, and that every variable it reads
 * is declared (and every declared one is a variable the sender fills). Refuses partials, helpers other than
 * #if/#unless/#each/#with, and unescaped output ({{{ }}}) in email bodies. Throws ShopError BAD_USER_INPUT.
 */
export function checkTemplate(source: TemplateSource): void {
  checkShape(source);
  const declared = new Set(source.variables);
  const parts: [Part, string | null, boolean][] = [
    ['subject', source.subject, false],
    ['body', source.body, source.channel === 'email'],
  ];
  for (const [part, text, refuseUnescaped] of parts) {
    if (!text) continue;
    // A block may open an object (#with order) when it declares the fields it uses inside.
    const isDeclared = ({ path, block }: { path: string; block: boolean }) =>
      declared.has(path) || (block && source.variables.some((v) => v.startsWith(`${path}.`)));
    const undeclared = collect(part, text, refuseUnescaped).find((use) => !isDeclared(use));
    if (undeclared) throw invalid(part, `Template uses undeclared variable "${undeclared.path}".`);
  }
}
