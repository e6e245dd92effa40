import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShopError } from '@shop/platform';
import {
  checkTemplate,
  loadTemplateSources,
  pickTemplate,
  renderTemplate,
  sampleValues,
  TEMPLATE_KINDS,
  TEMPLATE_VARIABLES,
  type TemplateSource,
} from '../src/templates';

const seeded = loadTemplateSources();

function email(body: string, variables: string[], subject = 'Order {{order.number}}'): TemplateSource {
  return { name: 'order_confirmation', channel: 'email', locale: 'en-US', description: null, subject, body, variables };
}

function refusal(source: TemplateSource): ShopError {
  try {
    checkTemplate(source);
  } catch (error) {
    if (error instanceof ShopError) return error;
    throw error;
  }
  throw new Error('the template was accepted');
}

function lookup(values: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => {
    if (Array.isArray(value)) return value[0]?.[key];
    return (value as Record<string, unknown> | undefined)?.[key];
  }, values);
}

describe('seeded templates', () => {
  it('cover every kind in en-US email, the shipping and security messages by SMS, and shipping by push', () => {
    const has = (name: string, channel: string, locale = 'en-US') =>
      seeded.some((s) => s.name === name && s.channel === channel && s.locale === locale);
    for (const kind of TEMPLATE_KINDS) expect(has(kind, 'email')).toBe(true);
    for (const kind of ['order_shipped', 'order_delivered', 'payment_failed', 'account_suspended']) expect(has(kind, 'sms')).toBe(true);
    for (const kind of ['order_shipped', 'order_delivered']) expect(has(kind, 'push')).toBe(true);
  });

  it('have German and French emails for every shopper-facing kind', () => {
    const shopperKinds = TEMPLATE_KINDS.filter((k) => k !== 'low_stock' && k !== 'out_of_stock');
    for (const locale of ['de-DE', 'fr-FR']) {
      for (const kind of shopperKinds) {
        expect(seeded.find((s) => s.name === kind && s.channel === 'email' && s.locale === locale)).toBeDefined();
      }
    }
  });

  it.each(seeded.map((s) => [`${s.locale}/${s.name}.${s.channel}`, s] as const))(
    '%s passes the check and renders its sample values',
    (_, source) => {
      expect(() => checkTemplate(source)).not.toThrow();
      const values = sampleValues(source.name);
      for (const variable of source.variables) expect(lookup(values, variable)).not.toBeUndefined();
      const rendered = renderTemplate(source, values);
      expect(rendered.text.length).toBeGreaterThan(10);
      if (source.channel === 'email') {
        expect(rendered.subject).toBeTruthy();
        expect(rendered.html).toContain('<!DOCTYPE html>');
        expect(rendered.html).not.toContain('{{');
      } else {
        expect(rendered.html).toBeNull();
      }
      expect(rendered.text).not.toContain('{{');
    },
  );

  it('show the order number, lines and total in the confirmation, as HTML and as text', () => {
    const source = pickTemplate(seeded, 'order_confirmation', 'email', 'en-US')!;
    const { subject, html, text } = renderTemplate(source, sampleValues('order_confirmation'));
    expect(subject).toBe('Your Northwind Goods order ORD-2026-000123 is confirmed');
    for (const part of [html!, text]) {
      expect(part).toContain('ORD-2026-000123');
      expect(part).toContain('Blue enamel mug');
      expect(part).toContain('Earl Grey tea, 250 g');
      expect(part).toContain('34.99 EUR');
    }
    expect(text).toContain('https://shop.example.com/account/orders/ORD-2026-000123');
  });

  it('show the carrier, tracking number and link in the shipping email, SMS and push', () => {
    const values = sampleValues('order_shipped');
    for (const channel of ['email', 'sms', 'push'] as const) {
      const { text } = renderTemplate(pickTemplate(seeded, 'order_shipped', channel, 'en-US')!, values);
      expect(text).toContain('JD014600006281234567');
      expect(text).toContain('DHL');
    }
    const { html } = renderTemplate(pickTemplate(seeded, 'order_shipped', 'email', 'en-US')!, values);
    expect(html).toContain('href="https://www.dhl.com/en/express/tracking.html?AWB&#x3D;JD014600006281234567"');
  });
});

describe('checkTemplate', () => {
  it('names the undeclared variable a template uses, as BAD_USER_INPUT', () => {
    const error = refusal(email('<p>{{order.number}} {{order.secret}}</p>', ['order.number']));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Template uses undeclared variable "order.secret".');
  });

  it('finds undeclared variables in the subject too', () => {
    const error = refusal(email('<p>{{order.number}}</p>', ['order.number'], 'Hi {{customer.firstName}}'));
    expect(error.message).toBe('Template uses undeclared variable "customer.firstName".');
    expect(error.extensions.fields).toEqual([{ field: 'subject', message: error.message }]);
  });

  it('resolves list items inside #each, ../ back to the top, this., block parameters, and ignores @index', () => {
    const body = [
      '{{#each order.lines}}{{@index}} {{name}} {{this.sku}} {{../order.currency}} {{@root.shop.name}}{{/each}}',
      '{{#each order.lines as |line i|}}{{i}} {{line.quantity}}{{/each}}',
      '{{#if order.carrier}}{{order.carrier}}{{else}}{{shop.name}}{{/if}}',
    ].join('\n');
    const declared = ['order.number', 'order.lines', 'order.lines.name', 'order.lines.sku', 'order.lines.quantity', 'order.currency', 'order.carrier', 'shop.name'];
    expect(() => checkTemplate(email(body, declared))).not.toThrow();
    for (const missing of ['order.lines.sku', 'order.currency', 'shop.name', 'order.lines.quantity']) {
      expect(refusal(email(body, declared.filter((v) => v !== missing))).message).toBe(`Template uses undeclared variable "${missing}".`);
    }
  });

  it('follows #with into an object and {{else if}} chains', () => {
    const body = '{{#with order}}{{number}}{{#if carrier}}{{carrier}}{{else if trackingNumber}}{{trackingNumber}}{{else}}{{../shop.name}}{{/if}}{{/with}}';
    const declared = ['order.number', 'order.carrier', 'order.trackingNumber', 'shop.name'];
    expect(() => checkTemplate(email(body, declared))).not.toThrow();
    expect(refusal(email(body, declared.filter((v) => v !== 'order.trackingNumber'))).message).toBe(
      'Template uses undeclared variable "order.trackingNumber".',
    );
    const values = { order: { number: 'N1', trackingNumber: 'T1' }, shop: { name: 'S' } };
    expect(renderTemplate(email(body, declared), values).text).toBe('N1T1');
  });

  it('refuses writing the whole set of values or unknown data variables', () => {
    expect(refusal(email('{{this}}', ['order.number'])).message).toContain('whole set of values');
    expect(refusal(email('{{@index}}', ['order.number'])).message).toContain('unknown data variable "@index"');
    expect(refusal(email('{{*decorator}}', ['order.number'])).message).toContain('not allowed');
  });

  it('does not let ../ inside #if climb out of the list item: #if does not change the context', () => {
    const body = '{{#each order.lines}}{{#if name}}{{../name}}{{/if}}{{/each}}';
    const declared = ['order.number', 'order.lines', 'order.lines.name'];
    expect(() => checkTemplate(email(body, declared))).toThrow('Template uses undeclared variable "name".');
  });

  it('refuses a declared variable nothing fills', () => {
    const error = refusal(email('<p>{{order.number}}</p>', ['order.number', 'order.secret']));
    expect(error.message).toContain('unknown variable "order.secret"');
  });

  it('refuses triple-stash in an email body, partials, unknown helpers and syntax errors', () => {
    const declared = ['order.number'];
    expect(refusal(email('<p>{{{order.number}}}</p>', declared)).message).toContain('unescaped');
    expect(refusal(email('<p>{{& order.number}}</p>', declared)).message).toContain('unescaped');
    expect(refusal(email('<p>{{> footer}}</p>', declared)).message).toContain('partial');
    expect(refusal(email('<p>{{uppercase order.number}}</p>', declared)).message).toContain('unknown helper "uppercase"');
    expect(refusal(email('{{#custom order.number}}x{{/custom}}', declared)).message).toContain('unknown helper "custom"');
    expect(refusal(email('{{lookup order "number"}}', declared)).message).toContain('unknown helper "lookup"');
    expect(refusal(email('{{log}}', declared)).message).toContain('unknown helper "log"');
    const syntax = refusal(email('<p>{{#if order.number}}open</p>', declared));
    expect(syntax.code).toBe('BAD_USER_INPUT');
    expect(syntax.message).toMatch(/^Template body has a syntax error: /);
  });

  it('refuses an email without a subject and an SMS with one', () => {
    expect(refusal(email('<p>{{order.number}}</p>', ['order.number'], '')).message).toBe('An email template needs a subject.');
    const sms: TemplateSource = { ...email('{{order.number}}', ['order.number']), channel: 'sms' };
    expect(refusal(sms).message).toBe('An SMS template has no subject.');
  });

  it('every variable in the vocabulary is a dotted name', () => {
    for (const variable of TEMPLATE_VARIABLES) expect(variable).toMatch(/^[A-Za-z]+(\.[A-Za-z]+)*$/);
  });
});

describe('renderTemplate', () => {
  const declared = ['order.number', 'customer.firstName', 'order.url'];

  it('escapes a script tag in a value in the HTML, and shows it as inert text in the text part', () => {
    const source = email('<p>Hello {{customer.firstName}}</p>', declared);
    const { html, text } = renderTemplate(source, { customer: { firstName: '<script>alert(1)</script>' }, order: { number: '1' } });
    expect(html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(text).toBe('Hello <script>alert(1)</script>');
  });

  it('renders the subject without HTML escaping and strips CR/LF so a value cannot add a header', () => {
    const source = email('<p>x</p>', declared, 'Order {{order.number}} for {{customer.firstName}}');
    const { subject } = renderTemplate(source, { order: { number: 'A&B' }, customer: { firstName: 'Eve\r\nBcc: victim@example.com' } });
    expect(subject).toBe('Order A&B for Eve Bcc: victim@example.com');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('renders SMS as plain text without escaping and without control characters', () => {
    const sms: TemplateSource = { ...email('Order {{order.number}}: {{customer.firstName}}', declared, ''), channel: 'sms', subject: null };
    const { text, html } = renderTemplate(sms, { order: { number: 'A&B<1>' }, customer: { firstName: 'Ada\u0007\u001b[31m' } });
    expect(html).toBeNull();
    expect(text).toBe('Order A&B<1>: Ada[31m');
  });

  it('leaves out a link that is not http(s)', () => {
    const source = email('<a href="{{order.url}}">open</a>', declared);
    expect(renderTemplate(source, { order: { url: 'javascript:alert(1)' } }).html).toContain('<a href="">open</a>');
    expect(renderTemplate(source, { order: { url: 'https://shop.example.com/o/1' } }).html).toContain('href="https://shop.example.com/o/1"');
  });

  it('refuses to render a template the check refuses', () => {
    expect(() => renderTemplate(email('{{order.secret}}', declared), {})).toThrow('Template uses undeclared variable "order.secret".');
  });

  it('does not read values through the prototype', () => {
    const source = email('<p>{{customer.constructor}}</p>', ['customer.firstName']);
    expect(() => renderTemplate(source, {})).toThrow(ShopError);
  });
});

describe('pickTemplate', () => {
  const of = (locale: string): TemplateSource => ({ ...email('<p>{{order.number}}</p>', ['order.number']), locale });
  const candidates = [of('en-US'), of('de'), of('fr-FR'), { ...of('de-DE'), channel: 'sms' as const, subject: null }];

  it('takes the exact locale, then the language, then en-US', () => {
    expect(pickTemplate(candidates, 'order_confirmation', 'email', 'fr-FR')?.locale).toBe('fr-FR');
    expect(pickTemplate(candidates, 'order_confirmation', 'email', 'de-DE')?.locale).toBe('de');
    expect(pickTemplate(candidates, 'order_confirmation', 'email', 'fr-CA')?.locale).toBe('fr-FR');
    expect(pickTemplate(candidates, 'order_confirmation', 'email', 'it-IT')?.locale).toBe('en-US');
    expect(pickTemplate(candidates, 'order_confirmation', 'sms', 'de-de')?.locale).toBe('de-DE');
    expect(pickTemplate(candidates, 'order_confirmation', 'push', 'de-DE')).toBeNull();
  });

  it('picks the seeded German email for a customer in Austria', () => {
    expect(pickTemplate(seeded, 'order_shipped', 'email', 'de-AT')?.locale).toBe('de-DE');
    expect(pickTemplate(seeded, 'order_shipped', 'sms', 'de-AT')?.locale).toBe('en-US');
  });
});

describe('loadTemplateSources', () => {
  it('reads the header: description, subject and variables over several lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'templates-'));
    mkdirSync(join(dir, 'en-US'));
    writeFileSync(
      join(dir, 'en-US', 'welcome.email.hbs'),
      '---\ndescription: Hello\nsubject: Hi {{customer.firstName}}\nvariables: customer.firstName,\n  shop.name\n---\n<p>{{shop.name}}</p>\n',
    );
    expect(loadTemplateSources(dir)).toEqual([
      {
        name: 'welcome',
        channel: 'email',
        locale: 'en-US',
        description: 'Hello',
        subject: 'Hi {{customer.firstName}}',
        body: '<p>{{shop.name}}</p>\n',
        variables: ['customer.firstName', 'shop.name'],
      },
    ]);
  });
});
