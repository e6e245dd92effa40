export type { RenderedMessage, TemplateSource } from './port';
export { checkTemplate } from './check';
export { renderTemplate } from './render';
export { loadTemplateSources, TEMPLATES_DIR } from './files';
export { pickTemplate, FALLBACK_LOCALE } from './pick';
export { sampleValues } from './samples';
export { LIST_ITEM_FIELDS, TEMPLATE_KINDS, TEMPLATE_VARIABLES, type TemplateKind } from './variables';
