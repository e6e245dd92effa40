import { useMutation, useQuery } from '@shop/web-kit';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { DiscountKind } from '../gql/graphql';
import { ErrorNotice, Field, Loading, Notice, PageTitle, formValues, formatDate, optional } from '../ui';

const Lookup = graphql(`
  query AdminDiscountCode($code: String!) {
    discountCode(code: $code) { code name kind value minOrderAmount startsAt endsAt usageLimit timesUsed isActive }
  }
`);
const Create = graphql(`
  mutation CreateDiscountCode($input: DiscountCodeInput!) { createDiscountCode(input: $input) { code name isActive } }
`);
const Deactivate = graphql(`mutation DeactivateDiscountCode($code: String!) { deactivateDiscountCode(code: $code) { code isActive } }`);

/** The API looks codes up one at a time (it has no list of codes): create one, or find one by its code. */
export function Discounts() {
  const [code, setCode] = useState('');
  const { data, loading, error, refetch } = useQuery(Lookup, { variables: { code }, skip: !code });
  const [create, creating] = useMutation(Create);
  const [deactivate, deactivating] = useMutation(Deactivate);
  const [done, setDone] = useState<string | null>(null);
  const found = code ? data?.discountCode : undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const toIso = (d: string) => (d ? new Date(d).toISOString() : undefined);
    const result = await create({
      input: { code: v.code, name: v.name, kind: v.kind as DiscountKind, value: v.value, minOrderAmount: optional(v.minOrderAmount),
        startsAt: toIso(v.startsAt), endsAt: toIso(v.endsAt), usageLimit: v.usageLimit ? Number(v.usageLimit) : undefined },
    }).catch(() => null);
    if (result) {
      setDone(`Code ${result.createDiscountCode.code} created.`);
      setCode(result.createDiscountCode.code);
      form.reset();
    }
  }

  return (
    <>
      <PageTitle>Discount codes</PageTitle>
      <form role="search" className="filters" aria-label="Find a discount code"
        onSubmit={(e) => { e.preventDefault(); setCode(formValues(e.currentTarget).code.toUpperCase()); }}>
        <Field label="Code"><input name="code" required /></Field>
        <button type="submit">Find</button>
      </form>
      {loading && !data && <Loading />}
      <ErrorNotice error={error ?? deactivating.error} />
      {code && data && !found && <p>No code {code}.</p>}
      {found && (
        <section className="panel" aria-label={`Discount code ${found.code}`}>
          <h2>{found.code} <span className="badge">{found.isActive ? 'active' : 'inactive'}</span></h2>
          <p>
            {found.name}: {found.kind === 'PERCENTAGE' ? `${found.value} % off` : `${found.value} off`}
            {found.minOrderAmount && ` on orders from ${found.minOrderAmount}`} · used {found.timesUsed}
            {found.usageLimit != null ? ` of ${found.usageLimit}` : ''} times · {formatDate(found.startsAt)} to {formatDate(found.endsAt)}
          </p>
          {found.isActive && (
            <button type="button" className="danger" disabled={deactivating.loading}
              onClick={() => void deactivate({ code: found.code }).then(() => refetch()).catch(() => undefined)}>Deactivate</button>
          )}
        </section>
      )}
      <form onSubmit={(e) => void submit(e)} className="form panel" aria-label="New discount code">
        <h2>New code</h2>
        <Field label="Code"><input name="code" required pattern="[A-Za-z0-9_-]+" /></Field>
        <Field label="Name"><input name="name" required /></Field>
        <Field label="Kind">
          <select name="kind" defaultValue="PERCENTAGE"><option value="PERCENTAGE">percentage</option><option value="FIXED">fixed amount</option></select>
        </Field>
        <Field label="Value" hint="Percent, or an amount such as 5.00"><input name="value" required inputMode="decimal" pattern="\d+(\.\d{1,2})?" /></Field>
        <Field label="Minimum order"><input name="minOrderAmount" inputMode="decimal" pattern="\d+(\.\d{1,2})?" /></Field>
        <Field label="Starts"><input name="startsAt" type="datetime-local" /></Field>
        <Field label="Ends"><input name="endsAt" type="datetime-local" /></Field>
        <Field label="Usage limit"><input name="usageLimit" type="number" min={1} /></Field>
        <ErrorNotice error={creating.error} />
        {done && <Notice>{done}</Notice>}
        <button type="submit" disabled={creating.loading}>Create code</button>
      </form>
    </>
  );
}
