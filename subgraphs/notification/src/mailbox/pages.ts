import type { ReceivedMessage } from './smtp-receiver';

/** The dev mailbox's two pages: the list of messages and one message. Plain HTML, no script. */

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `
  body { font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; margin: 1.5rem; color: #222; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  tr:hover td { background: #f6f8fa; }
  .muted { color: #777; }
  iframe { width: 100%; height: 60vh; border: 1px solid #ccc; background: #fff; }
  pre { white-space: pre-wrap; background: #f6f8fa; padding: 1rem; }
  form { display: inline; }
`;

function page(title: string, body: string, refreshSeconds?: number): string {
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
    refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '',
    `<title>${escape(title)}</title><style>${STYLE}</style></head><body>`,
    body,
    '</body></html>',
  ].join('');
}

function when(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

export function listPage(messages: ReceivedMessage[], smtpUrl: string): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td class="muted">${when(m.receivedAt)}</td><td>${escape(m.to.join(', '))}</td>` +
        `<td><a href="/view/${m.id}">${escape(m.subject || '(no subject)')}</a></td><td class="muted">${escape(m.from)}</td></tr>`,
    )
    .join('');
  return page(
    `Dev mailbox (${messages.length})`,
    `<h1>Dev mailbox</h1>
     <p class="muted">Every email the shop sends in development lands here (SMTP ${escape(smtpUrl)}); newest first, kept in memory.
     JSON: <a href="/messages">/messages</a>.
     <form method="post" action="/clear"><button type="submit">Clear</button></form></p>
     ${messages.length === 0 ? '<p>No messages yet.</p>' : `<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th><th>From</th></tr></thead><tbody>${rows}</tbody></table>`}`,
    5,
  );
}

export function messagePage(m: ReceivedMessage): string {
  const headers = Object.entries(m.headers)
    .map(([name, value]) => `<tr><th>${escape(name)}</th><td>${escape(value)}</td></tr>`)
    .join('');
  return page(
    m.subject || '(no subject)',
    `<p><a href="/">← All messages</a></p>
     <h1>${escape(m.subject || '(no subject)')}</h1>
     <p>To ${escape(m.to.join(', '))} · from ${escape(m.from)} · ${when(m.receivedAt)} UTC</p>
     <h2>HTML</h2>
     ${m.html === null ? '<p class="muted">No HTML part.</p>' : `<iframe sandbox="" referrerpolicy="no-referrer" src="/view/${m.id}/html" title="HTML part"></iframe>`}
     <h2>Text</h2>
     <pre>${escape(m.text)}</pre>
     <h2>Headers</h2>
     <table>${headers}</table>`,
  );
}

export function notFoundPage(): string {
  return page('Not found', '<p>No such message (the mailbox keeps only the latest ones). <a href="/">All messages</a></p>');
}
