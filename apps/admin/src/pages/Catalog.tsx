import { useMutation, useQuery } from '@shop/web-kit';
import { useState, type FormEvent } from 'react';
import { Link } from '@shop/web-kit';
import { graphql } from '../gql';
import type { AttributeType, CategoryTreeQuery } from '../gql/graphql';
import { ErrorNotice, Field, Loading, Pager, PageTitle, formValues, formatDate, optional } from '../ui';
import { useCatalogChoices } from './catalog-choices';

const Tree = graphql(`
  query CategoryTree {
    categories {
      id name slug isActive displayOrder
      children { id name slug isActive displayOrder children { id name slug isActive displayOrder } }
    }
  }
`);

const CreateCategory = graphql(`mutation CreateCategory($input: CreateCategoryInput!) { createCategory(input: $input) { id } }`);
const UpdateCategory = graphql(`
  mutation UpdateCategory($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id name isActive } }
`);

const Brands = graphql(`query AdminBrands { brands { id name slug description websiteUrl isActive } }`);
const CreateBrand = graphql(`mutation CreateBrand($input: CreateBrandInput!) { createBrand(input: $input) { id } }`);
const UpdateBrand = graphql(`mutation UpdateBrand($id: ID!, $input: UpdateBrandInput!) { updateBrand(id: $id, input: $input) { id isActive } }`);

const Attributes = graphql(`
  query AdminAttributes { productAttributes { id name displayName type filterable searchable values { id value displayValue } } }
`);
const CreateAttribute = graphql(`
  mutation CreateAttribute($input: CreateProductAttributeInput!) { createProductAttribute(input: $input) { id } }
`);
const AddAttributeValue = graphql(`
  mutation AddAttributeValue($attributeId: ID!, $input: AttributeValueInput!) { addProductAttributeValue(attributeId: $attributeId, input: $input) { id } }
`);

const Pending = graphql(`
  query PendingReviews($after: String) {
    pendingReviews(first: 20, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id rating title content verifiedPurchase createdAt product { id name } } }
    }
  }
`);
const Approve = graphql(`mutation ApproveReview($id: ID!) { approveReview(id: $id) { id approved } }`);
const Reject = graphql(`mutation RejectReview($id: ID!) { rejectReview(id: $id) { id approved } }`);

type CategoryNode = CategoryTreeQuery['categories'][number] & { children?: CategoryNode[] };

export function Categories() {
  const { data, loading, error } = useQuery(Tree);
  const { categories } = useCatalogChoices();
  const [create, creating] = useMutation(CreateCategory, { refetchActive: true });
  const [update, updating] = useMutation(UpdateCategory, { refetchActive: true });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const done = await create({ input: { name: v.name, parentId: optional(v.parentId), description: optional(v.description),
      displayOrder: Number(v.displayOrder || 0) } }).catch(() => null);
    if (done) form.reset();
  }

  const renderNodes = (nodes: CategoryNode[]) => (
    <ul className="tree">
      {nodes.map((c) => (
        <li key={c.id}>
          <span className={c.isActive ? '' : 'muted'}>{c.name}</span> <small className="muted">/{c.slug}</small>{' '}
          <button type="button" onClick={() => void update({ id: c.id, input: { isActive: !c.isActive } }).catch(() => undefined)}>
            {c.isActive ? 'Hide' : 'Show'}
          </button>{' '}
          <button type="button" onClick={() => {
            const name = window.prompt('New name', c.name);
            if (name) void update({ id: c.id, input: { name } }).catch(() => undefined);
          }}>Rename</button>
          {c.children && c.children.length > 0 && renderNodes(c.children)}
        </li>
      ))}
    </ul>
  );

  return (
    <>
      <PageTitle>Categories</PageTitle>
      <ErrorNotice error={error ?? updating.error} />
      {loading && !data && <Loading />}
      {data && (data.categories.length ? renderNodes(data.categories as CategoryNode[]) : <p className="muted">No categories yet.</p>)}
      <form onSubmit={(e) => void submit(e)} className="form panel" aria-label="New category">
        <h2>New category</h2>
        <Field label="Name"><input name="name" required /></Field>
        <Field label="Parent">
          <select name="parentId" defaultValue="">
            <option value="">None (a root)</option>
            {categories.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
          </select>
        </Field>
        <Field label="Description"><input name="description" /></Field>
        <Field label="Display order"><input name="displayOrder" type="number" defaultValue={0} /></Field>
        <ErrorNotice error={creating.error} />
        <button type="submit" disabled={creating.loading}>Create category</button>
      </form>
    </>
  );
}

export function BrandsPage() {
  const { data, loading, error } = useQuery(Brands);
  const [create, creating] = useMutation(CreateBrand, { refetchActive: true });
  const [update, updating] = useMutation(UpdateBrand, { refetchActive: true });
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const done = await create({ input: { name: v.name, description: optional(v.description), websiteUrl: optional(v.websiteUrl) } })
      .catch(() => null);
    if (done) form.reset();
  }
  return (
    <>
      <PageTitle>Brands</PageTitle>
      <ErrorNotice error={error ?? updating.error} />
      {loading && !data && <Loading />}
      {data && (
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Website</th><th scope="col">Shown</th></tr></thead>
          <tbody>
            {data.brands.map((b) => (
              <tr key={b.id}>
                <td>{b.name}</td><td>{b.slug}</td><td>{b.websiteUrl ?? '—'}</td>
                <td>
                  <button type="button" onClick={() => void update({ id: b.id, input: { isActive: !b.isActive } }).catch(() => undefined)}>
                    {b.isActive ? 'Hide' : 'Show'} {b.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(e) => void submit(e)} className="form panel" aria-label="New brand">
        <h2>New brand</h2>
        <Field label="Name"><input name="name" required /></Field>
        <Field label="Description"><input name="description" /></Field>
        <Field label="Website"><input name="websiteUrl" type="url" /></Field>
        <ErrorNotice error={creating.error} />
        <button type="submit" disabled={creating.loading}>Create brand</button>
      </form>
      <AttributesSection />
    </>
  );
}

const ATTRIBUTE_TYPES: AttributeType[] = ['TEXT', 'NUMBER', 'BOOLEAN', 'SELECT'];

function AttributesSection() {
  const { data, error } = useQuery(Attributes);
  const [create, creating] = useMutation(CreateAttribute, { refetchActive: true });
  const [addValue, adding] = useMutation(AddAttributeValue, { refetchActive: true });
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const done = await create({ input: { name: v.name, displayName: v.displayName, type: v.type as AttributeType,
      filterable: v.filterable === 'on', searchable: v.searchable === 'on' } }).catch(() => null);
    if (done) form.reset();
  }
  return (
    <section aria-labelledby="attributes-heading" className="panel">
      <h2 id="attributes-heading">Product attributes</h2>
      <ErrorNotice error={error ?? adding.error} />
      <ul className="plain">
        {data?.productAttributes.map((a) => (
          <li key={a.id}>
            <strong>{a.displayName}</strong> <small className="muted">{a.name} · {a.type.toLowerCase()}{a.filterable ? ' · filterable' : ''}</small>:{' '}
            {a.values.map((v) => v.displayValue).join(', ') || 'no values'}{' '}
            <button type="button" onClick={() => {
              const value = window.prompt(`New value for ${a.displayName}`);
              if (value) void addValue({ attributeId: a.id, input: { value, displayValue: value } }).catch(() => undefined);
            }}>Add value</button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)} className="form" aria-label="New attribute">
        <Field label="Attribute name" hint="e.g. color"><input name="name" required /></Field>
        <Field label="Display name"><input name="displayName" required /></Field>
        <Field label="Type">
          <select name="type" defaultValue="SELECT">{ATTRIBUTE_TYPES.map((t) => <option key={t} value={t}>{t.toLowerCase()}</option>)}</select>
        </Field>
        <label className="check"><input name="filterable" type="checkbox" /> Filterable</label>
        <label className="check"><input name="searchable" type="checkbox" /> Searchable</label>
        <ErrorNotice error={creating.error} />
        <button type="submit" disabled={creating.loading}>Create attribute</button>
      </form>
    </section>
  );
}

export function Reviews() {
  const [after, setAfter] = useState<string | undefined>();
  const { data, loading, error } = useQuery(Pending, { variables: { after } });
  const [approve, approving] = useMutation(Approve, { refetchActive: true });
  const [reject, rejecting] = useMutation(Reject, { refetchActive: true });
  const [done, setDone] = useState<string | null>(null);
  const reviews = data?.pendingReviews.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageTitle>Reviews to moderate</PageTitle>
      <ErrorNotice error={error ?? approving.error ?? rejecting.error} />
      {done && <p role="status">{done}</p>}
      {loading && !data && <Loading />}
      {data && reviews.length === 0 && <p className="muted">No reviews are waiting.</p>}
      {reviews.map((r) => (
        <article key={r.id} className="panel" aria-label={`Review of ${r.product.name}`}>
          <h2>{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)} {r.title ?? ''}</h2>
          <p className="muted">
            <Link to={`/products/${r.product.id}`}>{r.product.name}</Link> · {formatDate(r.createdAt)}{r.verifiedPurchase ? ' · verified purchase' : ''}
          </p>
          <p>{r.content}</p>
          <div className="actions">
            <button type="button" onClick={() => void approve({ id: r.id }).then(() => setDone('Review approved.')).catch(() => undefined)}>
              Approve
            </button>
            <button type="button" className="danger"
              onClick={() => void reject({ id: r.id }).then(() => setDone('Review rejected.')).catch(() => undefined)}>
              Reject
            </button>
          </div>
        </article>
      ))}
      {data && <Pager pageInfo={data.pendingReviews.pageInfo} after={after} onPage={setAfter} />}
    </>
  );
}
