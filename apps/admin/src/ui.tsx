import { ApiError, errorMessage, formatMoney as kitMoney } from '@shop/web-kit';
import { cloneElement, useEffect, useId, type ReactElement, type ReactNode } from 'react';

/** The page's heading and the browser tab's title, together. */
export function PageTitle({ children, actions }: { children: string; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${children} · Shop admin`;
  }, [children]);
  return (
    <header className="page-header">
      <h1>{children}</h1>
      {actions}
    </header>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p role="status" aria-live="polite" className="muted loading">
      {what}…
    </p>
  );
}

/** Plain words for an API refusal; the kit's wording, with what staff need on top (version conflicts, payment operations). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'CONFLICT') {
    const reason = error.extensions.reason;
    if (reason === 'PAYMENT_OPERATION_IN_PROGRESS') return 'Another payment operation on this order is still running. Try again in a moment.';
    if (reason === 'PAYMENT_OUTCOME_UNKNOWN') return 'The payment service did not answer. Try again: the same request will not move money twice.';
    if (typeof error.extensions.currentVersion === 'number' || /changed by someone else|version/i.test(error.message)) {
      return 'Someone else changed this since you opened it, so your changes were not saved. Reload the page to see theirs, then make yours again.';
    }
  }
  if (error instanceof ApiError && error.code === 'FORBIDDEN') return error.message ? `Not allowed: ${error.message}` : 'Your account may not do this.';
  if (error instanceof ApiError && error.code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong in the shop. Try again; if it keeps happening, check the server logs.';
  if (error instanceof ApiError) return errorMessage(error);
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {describeError(error)}
    </p>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="notice">
      {children}
    </p>
  );
}

export function formatMoney(money: { amount: string; currency: string } | null | undefined): string {
  return money ? kitMoney(money, 'en') : '—';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** A labelled control; the hint is its description (aria-describedby), not part of its name. */
export function Field({ label, children, hint }: { label: string; children: ReactElement<{ id?: string; 'aria-describedby'?: string }>; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-describedby': hint ? `${id}-hint` : undefined })}
      {hint && <small id={`${id}-hint`} className="muted">{hint}</small>}
    </div>
  );
}

/** Cursor paging: the next page, and back to the first. */
export function Pager({ pageInfo, after, onPage }: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null }; after: string | undefined; onPage: (after: string | undefined) => void;
}) {
  const next = pageInfo.endCursor;
  return (
    <div className="actions">
      {after && <button type="button" onClick={() => onPage(undefined)}>First page</button>}
      {pageInfo.hasNextPage && next && <button type="button" onClick={() => onPage(next)}>Next page</button>}
    </div>
  );
}

/** Form values as strings, by field name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v).trim()]));
}

/** Empty strings become undefined, so optional inputs are left out. */
export function optional(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}
