import { z } from 'zod';
import { clientCredentials, ConfigError, envPort, parseAmount, postgresUrl, runService } from '@shop/platform';
import { httpCheckoutPorts, httpLoyalty } from './ports';
import { flatRateShipping, parseTaxRates, taxByCountry } from './domain/pricing';
import { startOrderSubgraph } from './index';

const amount = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => parseAmount(v) !== null && !v.trim().startsWith('-'), 'must be an amount like 5.99, not negative');
const percent = z.string().default('0').refine((v) => /^(\d{1,2}(\.\d{1,3})?|100)$/.test(v), 'must be a percentage like 8.25');
const taxRates = z
  .string()
  .default('US:8.25,DE:19,GB:20,FR:20')
  .transform((v, issue) => {
    const rates = parseTaxRates(v);
    if ('error' in rates) {
      issue.addIssue({ code: 'custom', message: `${rates.error as string}; use e.g. US:8.25,DE:19` });
      return z.NEVER;
    }
    return rates as Record<string, string>;
  });

/** Production entry point: one order process, configured from the environment. */
runService({
  name: 'order',
  config: {
    ORDER_DATABASE_URL: postgresUrl,
    ORDER_PORT: envPort(4005),
    ORDER_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD').default('USD'),
    /** Flat shipping rate, and the discounted merchandise amount from which shipping is free ("" for never). */
    ORDER_SHIPPING_RATE: amount('5.99'),
    ORDER_FREE_SHIPPING_FROM: z
      .string()
      .default('100.00')
      .refine((v) => v === '' || parseAmount(v) !== null, 'must be an amount like 100.00, or empty for never'),
    /** Percent of discounted merchandise by destination country, e.g. US:8.25,DE:19; others pay ORDER_TAX_DEFAULT. */
    ORDER_TAX_RATES: taxRates,
    ORDER_TAX_DEFAULT: percent,
    /** Money one loyalty point is worth at checkout. */
    LOYALTY_POINT_VALUE: amount('0.01'),
    /** The checkout saga's partners; all three set (with service credentials) turns checkout on. */
    CART_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The customer service, for redeeming loyalty points at checkout (with the service credentials below). */
    CUSTOMER_URL: z.url({ protocol: /^https?$/ }).optional(),
    INVENTORY_URL: z.url({ protocol: /^https?$/ }).optional(),
    PAYMENT_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Keycloak's token endpoint and a confidential client with the `service` role (client-credentials grant). */
    SERVICE_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
    SERVICE_CLIENT_ID: z.string().min(1).optional(),
    SERVICE_CLIENT_SECRET: z.string().min(1).optional(),
    /** `confirmation` captures the payment as soon as the order is confirmed; `shipment` leaves it for shipping. */
    ORDER_CAPTURE: z.enum(['confirmation', 'shipment']).default('shipment'),
    CHECKOUT_RESERVATION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  },
  check: (config) => {
    const partners = [config.CART_URL, config.INVENTORY_URL, config.PAYMENT_URL];
    const credentials = [config.SERVICE_TOKEN_URL, config.SERVICE_CLIENT_ID, config.SERVICE_CLIENT_SECRET];
    if (partners.some(Boolean) && !(partners.every(Boolean) && credentials.every(Boolean))) {
      throw new ConfigError('CART_URL, INVENTORY_URL, PAYMENT_URL: checkout needs all three, and SERVICE_TOKEN_URL, SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET');
    }
  },
  start: ({ config, ...service }) => {
    const serviceCredentials =
      config.SERVICE_TOKEN_URL && config.SERVICE_CLIENT_ID && config.SERVICE_CLIENT_SECRET
        ? clientCredentials(config.SERVICE_TOKEN_URL, config.SERVICE_CLIENT_ID, config.SERVICE_CLIENT_SECRET)
        : null;
    const loyalty = config.CUSTOMER_URL && serviceCredentials ? httpLoyalty(config.CUSTOMER_URL, serviceCredentials) : undefined;
    const checkout =
      config.CART_URL && config.INVENTORY_URL && config.PAYMENT_URL && serviceCredentials
        ? {
            ports: httpCheckoutPorts({ cart: config.CART_URL, inventory: config.INVENTORY_URL, payment: config.PAYMENT_URL }, serviceCredentials),
            settings: { reservationTtlSeconds: config.CHECKOUT_RESERVATION_TTL_SECONDS, captureOnConfirm: config.ORDER_CAPTURE === 'confirmation' },
          }
        : undefined;
    if (!checkout) service.log.warn('No CART_URL / INVENTORY_URL / PAYMENT_URL: this order service does not take checkouts.');
    return startOrderSubgraph({
      ...service,
      databaseUrl: config.ORDER_DATABASE_URL,
      port: config.ORDER_PORT,
      checkout,
      loyalty,
      pricing: {
        currency: config.ORDER_CURRENCY,
        shipping: flatRateShipping({ rate: config.ORDER_SHIPPING_RATE, freeFrom: config.ORDER_FREE_SHIPPING_FROM || null }),
        tax: taxByCountry({ rates: config.ORDER_TAX_RATES, fallback: config.ORDER_TAX_DEFAULT }),
        loyaltyPointValue: config.LOYALTY_POINT_VALUE,
      },
    });
  },
});
