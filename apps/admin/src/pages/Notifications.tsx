import { useMutation, useQuery } from '@shop/web-kit';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { NotificationChannel, NotificationStatus, NotificationTemplatesQuery, PreviewTemplateQuery } from '../gql/graphql';
import { ErrorNotice, Field, Loading, Notice, PageTitle, Pager, formValues, formatDate } from '../ui';

const Templates = graphql(`
  query NotificationTemplates {
    notificationTemplates { id name channel locale description subject body variables isActive updatedAt }
  }
`);
const Preview = graphql(`
  query PreviewTemplate($input: NotificationTemplateInput!) { previewNotificationTemplate(input: $input) { subject html text } }
`);
const Save = graphql(`mutation SaveTemplate($input: NotificationTemplateInput!) { saveNotificationTemplate(input: $input) { id updatedAt } }`);
const SendTest = graphql(`mutation SendTestNotification($input: TestNotificationInput!) { sendTestNotification(input: $input) { id status } }`);

const Messages = graphql(`
  query AdminNotifications($filter: NotificationFilter, $after: String) {
    notifications(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id type channel status recipientEmail recipientPhone subject createdAt failureReason retryCount maxRetries } }
    }
  }
`);
const Detail = graphql(`
  query NotificationDetail($id: ID!) {
    notification(id: $id) {
      id subject textContent sentAt deliveredAt nextRetryAt
      attempts { attemptedAt outcome error }
      emailEvents { type provider createdAt }
    }
  }
`);
const Resend = graphql(`mutation ResendNotification($id: ID!) { resendNotification(id: $id) { id status } }`);

type Template = NotificationTemplatesQuery['notificationTemplates'][number];

export function Notifications() {
  return (
    <>
      <PageTitle>Notifications</PageTitle>
      <FailedSends />
      <TemplatesSection />
    </>
  );
}

function FailedSends() {
  const [status, setStatus] = useState<NotificationStatus>('FAILED');
  const [after, setAfter] = useState<string | undefined>();
  const { data, loading, error } = useQuery(Messages, { variables: { filter: { status }, after } });
  const [resend, resending] = useMutation(Resend, { refetchActive: true });
  const [done, setDone] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="failed-heading">
      <h2 id="failed-heading">Messages by status</h2>
      <p className="muted">Failed and bounced messages first: see why, then send them again to the recipient's current address.</p>
      <Field label="Status">
        <select value={status} onChange={(e) => { setStatus(e.target.value as NotificationStatus); setAfter(undefined); }}>
          <option value="FAILED">failed</option><option value="BOUNCED">bounced</option><option value="PENDING">pending</option><option value="SENT">sent</option>
        </select>
      </Field>
      <ErrorNotice error={error ?? resending.error} />
      {done && <Notice>{done}</Notice>}
      {loading && !data && <Loading />}
      {data?.notifications.edges.length === 0 && <p className="muted">No {status.toLowerCase()} messages.</p>}
      {data && data.notifications.edges.length > 0 && (
        <table>
          <thead><tr><th scope="col">Created</th><th scope="col">Kind</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Why</th><th scope="col" /></tr></thead>
          <tbody>
            {data.notifications.edges.map(({ node: n }) => (
              <tr key={n.id}>
                <td>{formatDate(n.createdAt)}</td><td>{n.type.replaceAll('_', ' ')} ({n.channel.toLowerCase()})</td>
                <td>{n.recipientEmail ?? n.recipientPhone}</td><td>{n.subject ?? '—'}</td>
                <td>{n.failureReason ?? '—'} {n.retryCount > 0 && `(${n.retryCount} of ${n.maxRetries} tries)`}</td>
                <td className="actions">
                  <button type="button" aria-expanded={open === n.id} onClick={() => setOpen(open === n.id ? null : n.id)}>Details</button>
                  {n.status !== 'PENDING' && (
                    <button type="button" disabled={resending.loading}
                      onClick={() => void resend({ id: n.id }).then(() => setDone('Sent again.')).catch(() => undefined)}>Resend</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && <Pager pageInfo={data.notifications.pageInfo} after={after} onPage={setAfter} />}
      {open && <MessageDetail id={open} />}
    </section>
  );
}

/** One message's tries and the provider's delivery events. */
function MessageDetail({ id }: { id: string }) {
  const { data, loading, error } = useQuery(Detail, { variables: { id } });
  const n = data?.notification;
  return (
    <article className="panel" aria-label="Message details">
      {loading && !data && <Loading />}
      <ErrorNotice error={error} />
      {n && (
        <>
          <h3>{n.subject ?? 'Message'}</h3>
          <p className="muted">sent {formatDate(n.sentAt)} · delivered {formatDate(n.deliveredAt)} · next try {formatDate(n.nextRetryAt)}</p>
          <h4>Tries</h4>
          <ul className="plain">
            {n.attempts.map((a) => <li key={a.attemptedAt}>{formatDate(a.attemptedAt)}: {a.outcome}{a.error ? ` — ${a.error}` : ''}</li>)}
          </ul>
          {n.attempts.length === 0 && <p className="muted">Not tried yet.</p>}
          <h4>Delivery events</h4>
          <ul className="plain">
            {n.emailEvents.map((e) => <li key={`${e.type}-${e.createdAt}`}>{formatDate(e.createdAt)}: {e.type} ({e.provider})</li>)}
          </ul>
          {n.textContent && <details><summary>Text</summary><pre>{n.textContent}</pre></details>}
        </>
      )}
    </article>
  );
}

function TemplatesSection() {
  const { data, loading, error } = useQuery(Templates);
  const [selected, setSelected] = useState<string | null>(null);
  const template = data?.notificationTemplates.find((t) => t.id === selected);
  return (
    <section className="panel" aria-labelledby="templates-heading">
      <h2 id="templates-heading">Templates</h2>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      <ul className="plain">
        {data?.notificationTemplates.map((t) => (
          <li key={t.id}>
            <button type="button" className="link" aria-pressed={t.id === selected} onClick={() => setSelected(t.id)}>
              {t.name.replaceAll('_', ' ')} · {t.channel.toLowerCase()} · {t.locale}
            </button>{' '}
            {!t.isActive && <span className="badge">inactive</span>} <small className="muted">{t.description}</small>
          </li>
        ))}
      </ul>
      {template && <TemplateEditor key={template.id} template={template} />}
    </section>
  );
}

function TemplateEditor({ template }: { template: Template }) {
  const [draft, setDraft] = useState({ subject: template.subject ?? '', body: template.body, variables: template.variables.join(', ') });
  const [previewing, setPreviewing] = useState(false);
  const input = {
    name: template.name, channel: template.channel as NotificationChannel, locale: template.locale, description: template.description,
    subject: template.channel === 'EMAIL' ? draft.subject : undefined, body: draft.body,
    variables: draft.variables.split(',').map((v) => v.trim()).filter(Boolean), isActive: template.isActive,
  };
  const preview = useQuery(Preview, { variables: { input }, skip: !previewing });
  const [save, saving] = useMutation(Save, { refetchActive: true });
  const [sendTest, sending] = useMutation(SendTest);
  const [done, setDone] = useState<string | null>(null);

  async function test(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { to } = formValues(event.currentTarget);
    const ok = await sendTest({ input: { name: template.name, channel: input.channel, locale: template.locale, to } }).catch(() => null);
    if (ok) setDone(`Test message sent to ${to}.`);
  }

  return (
    <div className="columns">
      <form className="form" aria-label={`Edit template ${template.name}`}
        onSubmit={(e) => { e.preventDefault(); void save({ input }).then(() => setDone('Template saved.')).catch(() => undefined); }}>
        <h3>{template.name.replaceAll('_', ' ')} ({template.channel.toLowerCase()}, {template.locale})</h3>
        {template.channel === 'EMAIL' && (
          <Field label="Subject"><input value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} /></Field>
        )}
        <Field label="Body (Handlebars)"><textarea rows={12} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} /></Field>
        <Field label="Variables" hint="Comma-separated; every variable the body uses must be declared.">
          <input value={draft.variables} onChange={(e) => setDraft({ ...draft, variables: e.target.value })} />
        </Field>
        <ErrorNotice error={saving.error} />
        {done && <Notice>{done}</Notice>}
        <div className="actions">
          <button type="button" onClick={() => (previewing ? preview.refetch() : setPreviewing(true))}>Preview</button>
          <button type="submit" disabled={saving.loading}>Save template</button>
        </div>
      </form>
      <div>
        <h3>Preview</h3>
        {preview.loading && <Loading what="Rendering" />}
        <ErrorNotice error={preview.error} />
        {preview.data && <Rendered rendered={preview.data.previewNotificationTemplate} />}
        {!previewing && <p className="muted">Preview renders the template with made-up values, before you save it.</p>}
        <form onSubmit={(e) => void test(e)} className="form" aria-label="Send a test message">
          <Field label={template.channel === 'SMS' ? 'Send a test to (E.164 number)' : 'Send a test to (email)'}><input name="to" required /></Field>
          <ErrorNotice error={sending.error} />
          <button type="submit" disabled={sending.loading}>Send test</button>
        </form>
      </div>
    </div>
  );
}

function Rendered({ rendered }: { rendered: PreviewTemplateQuery['previewNotificationTemplate'] }) {
  return (
    <article className="preview" aria-label="Rendered message">
      {rendered.subject && <p><strong>Subject:</strong> {rendered.subject}</p>}
      {/* The HTML rendering in a sandboxed frame: no scripts, no access to this page. */}
      {rendered.html ? <iframe title="HTML rendering" sandbox="" srcDoc={rendered.html} className="preview-frame" /> : <pre>{rendered.text}</pre>}
    </article>
  );
}
