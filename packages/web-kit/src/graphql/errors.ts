/** One entry of a GraphQL response's `errors`. */
export interface ApiErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown> & { code?: string };
}

/**
 * A failed operation: the GraphQL errors the API answered (each with `extensions.code`), or a network failure
 * (`errors` empty, `status` the HTTP status when there was one).
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    message: string,
    readonly errors: ApiErrorEntry[] = [],
    readonly status?: number,
    /** Whatever data came with the errors. */
    readonly data?: unknown,
  ) {
    super(message);
  }

  /** The first error's code (BAD_USER_INPUT, OUT_OF_STOCK …), or NETWORK when the API was not reached. */
  get code(): string {
    if (this.errors.length === 0) return 'NETWORK';
    return this.errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  }

  get extensions(): Record<string, unknown> {
    return this.errors[0]?.extensions ?? {};
  }

  static isUnauthenticated(error: unknown): boolean {
    return error instanceof ApiError && (error.status === 401 || error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));
  }
}

export function errorCode(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}

interface ShortLine {
  variantId: string;
  requested: number;
  available: number;
}

export interface ErrorMessageOptions {
  /** Names a variant for OUT_OF_STOCK lines (e.g. from the cart the shopper sees). */
  describeVariant?: (variantId: string) => string | undefined;
  formatAmount?: (amount: string) => string;
}

const DECLINES: Record<string, string> = {
  card_declined: 'Your card was declined. Nothing was charged: try another card.',
  insufficient_funds: 'Your card was declined for insufficient funds. Nothing was charged: try another card.',
  processing_error: 'The payment could not be processed. Nothing was charged: please try again.',
  provider_timeout: 'The card provider did not answer in time. Nothing was charged: please try again.',
  authorization_expired: 'The card authorization expired before the payment was taken.',
};

/** Each short line in plain words: "Blue mug: you asked for 3, 1 left." */
export function shortLines(error: unknown, options: ErrorMessageOptions = {}): string[] {
  if (!(error instanceof ApiError) || error.code !== 'OUT_OF_STOCK') return [];
  const lines = (error.extensions.lines as ShortLine[] | undefined) ?? [];
  return lines.map((line) => {
    const name = options.describeVariant?.(line.variantId) ?? 'An item';
    const left = line.available <= 0 ? 'none left' : `only ${line.available} left`;
    return `${name}: you asked for ${line.requested}, ${left}.`;
  });
}

/** What went wrong, in words a shopper or a staff member can act on. */
export function errorMessage(error: unknown, options: ErrorMessageOptions = {}): string {
  if (!(error instanceof ApiError)) return 'Something went wrong on our side. Please try again.';
  const { extensions } = error;
  switch (error.code) {
    case 'NETWORK':
      return 'We could not reach the shop. Check your connection and try again.';
    case 'UNAUTHENTICATED':
      return 'Please sign in (again) to continue.';
    case 'FORBIDDEN':
      return 'You are not allowed to do that.';
    case 'NOT_FOUND':
      return error.message || 'We could not find that.';
    case 'RATE_LIMITED':
      return 'Too many attempts. Please wait a moment and try again.';
    case 'OUT_OF_STOCK': {
      const lines = shortLines(error, options);
      if (lines.length > 0) return `Some items are no longer in stock in the quantity you asked for. ${lines.join(' ')}`;
      if (typeof extensions.available === 'number') {
        return extensions.available > 0 ? `Only ${extensions.available} left in stock.` : 'This item is out of stock.';
      }
      return error.message || 'Some items are out of stock.';
    }
    case 'PAYMENT_DECLINED':
      return DECLINES[String(extensions.reason)] ?? 'The payment was declined. Nothing was charged: try another card.';
    case 'CONFLICT':
      if (extensions.reason === 'PRICE_CHANGED') {
        const now = typeof extensions.currentSubtotal === 'string' ? extensions.currentSubtotal : null;
        const shown = now && options.formatAmount ? options.formatAmount(now) : now;
        return `Prices changed since you looked${shown ? `: your cart now comes to ${shown}` : ''}. Review your cart and check out again.`;
      }
      return error.message || 'Someone else changed this meanwhile. Reload and try again.';
    case 'BAD_USER_INPUT':
      return error.message || 'Please check what you entered.';
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}
