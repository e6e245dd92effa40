import {
  useEffect, useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import './ui.css';

/** Sets the document title ("Cart · Shop") while the page is shown. */
export function usePageTitle(title: string, appName = 'Shop'): void {
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}

/** The page frame: a skip link, a header with the app's navigation, the main region and a footer. */
export function Layout({ header, footer, children }: { header: ReactNode; footer?: ReactNode; children: ReactNode }) {
  return (
    <div className="wk-layout">
      <a className="wk-skip" href="#main">Skip to content</a>
      <header className="wk-header">{header}</header>
      <main id="main" className="wk-main" tabIndex={-1}>
        {children}
      </main>
      {footer && <footer className="wk-footer">{footer}</footer>}
    </div>
  );
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'link'; busy?: boolean };

/** A button that says when it is working (busy: disabled, aria-busy, a spinner). */
export function Button({ variant = 'primary', busy = false, className, children, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={['wk-button', `wk-button--${variant}`, className].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && <span className="wk-spinner wk-spinner--inline" aria-hidden="true" />}
      {children}
    </button>
  );
}

interface FieldShell {
  label: string;
  hint?: string;
  error?: string;
}

function Shell({ id, label, hint, error, children }: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className="wk-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`} className="wk-hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="wk-field-error" role="alert">{error}</small>}
    </div>
  );
}

function describedBy(id: string, { hint, error }: FieldShell): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

/** An input with its label, an optional hint and an error (announced, and linked with aria-describedby). */
export function TextField({ label, hint, error, id, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <Shell id={fieldId} label={label} hint={hint} error={error}>
      <input id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, { label, hint, error })} {...input} />
    </Shell>
  );
}

export function TextAreaField({ label, hint, error, id, ...input }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <Shell id={fieldId} label={label} hint={hint} error={error}>
      <textarea id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, { label, hint, error })} {...input} />
    </Shell>
  );
}

export function SelectField({
  label, hint, error, id, options, ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: Array<{ value: string; label: string }> }) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <Shell id={fieldId} label={label} hint={hint} error={error}>
      <select id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, { label, hint, error })} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckboxField({ label, hint, id, ...input }: Omit<FieldShell, 'error'> & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <div className="wk-field wk-field--checkbox">
      <input id={fieldId} type="checkbox" aria-describedby={hint ? `${fieldId}-hint` : undefined} {...input} />
      <label htmlFor={fieldId}>{label}</label>
      {hint && <small id={`${fieldId}-hint`} className="wk-hint">{hint}</small>}
    </div>
  );
}

/** A message box: errors interrupt (role="alert"), the rest are polite (role="status"). */
export function Alert({ tone = 'info', title, children, ...rest }: { tone?: 'info' | 'success' | 'warning' | 'error'; title?: string; children?: ReactNode; 'data-testid'?: string }) {
  return (
    <div className={`wk-alert wk-alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'} {...rest}>
      {title && <strong className="wk-alert-title">{title}</strong>}
      {children && <div>{children}</div>}
    </div>
  );
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="wk-loading" role="status">
      <span className="wk-spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** Previous / next for cursor pages, with "page N" for orientation. */
export function Pager({
  page, hasPrevious, hasNext, onPrevious, onNext, label = 'Pages',
}: { page?: number; hasPrevious: boolean; hasNext: boolean; onPrevious(): void; onNext(): void; label?: string }) {
  return (
    <nav className="wk-pager" aria-label={label}>
      <Button variant="secondary" onClick={onPrevious} disabled={!hasPrevious}>Previous page</Button>
      {page !== undefined && <span aria-live="polite">Page {page}</span>}
      <Button variant="secondary" onClick={onNext} disabled={!hasNext}>Next page</Button>
    </nav>
  );
}
