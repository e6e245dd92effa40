import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate, useSearchParams, useShopClient } from '@shop/web-kit';
import { ProductSlugDocument, SearchSuggestionsDocument, type SearchSuggestionsQuery } from '../gql/graphql';

type Suggestion = SearchSuggestionsQuery['searchSuggestions'][number];

const KIND_LABEL: Record<Suggestion['kind'], string> = { PRODUCT: 'Product', CATEGORY: 'Category', BRAND: 'Brand' };

/**
 * The header's search: an ARIA combobox with suggestions as the shopper types (arrow keys to move, Enter to pick or
 * to search for the words, Escape to close).
 */
export function SearchBox() {
  const client = useShopClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const latest = useRef('');

  useEffect(() => {
    const prefix = text.trim();
    latest.current = prefix;
    if (prefix.length < 2) {
      setSuggestions([]);
      return;
    }
    const timer = setTimeout(() => {
      client.request(SearchSuggestionsDocument, { prefix }).then(
        (data) => latest.current === prefix && setSuggestions(data.searchSuggestions),
        () => setSuggestions([]),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [client, text]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const pick = async (suggestion: Suggestion) => {
    close();
    if (suggestion.kind === 'PRODUCT') {
      const data = await client.request(ProductSlugDocument, { id: suggestion.id }).catch(() => null);
      if (data?.product) return navigate(`/products/${data.product.slug}`);
      return navigate(`/search?q=${encodeURIComponent(suggestion.text)}`);
    }
    setText('');
    navigate(`/search?${suggestion.kind === 'CATEGORY' ? 'categoryId' : 'brand'}=${encodeURIComponent(suggestion.id)}`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (active >= 0 && suggestions[active]) return void pick(suggestions[active]);
    close();
    navigate(`/search?q=${encodeURIComponent(text.trim())}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && suggestions.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (event.key === 'Escape') {
      close();
    }
  };

  const expanded = open && suggestions.length > 0;
  return (
    <form role="search" className="sf-search" onSubmit={submit}>
      <label htmlFor={`${listId}-input`} className="sf-visually-hidden">Search products</label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder="Search products"
        autoComplete="off"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(close, 150)}
      />
      <button type="submit" className="wk-button wk-button--primary">Search</button>
      <ul id={listId} role="listbox" aria-label="Suggestions" className="sf-suggestions" hidden={!expanded}>
        {suggestions.map((s, i) => (
          <li
            key={`${s.kind}-${s.id}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(event) => {
              event.preventDefault();
              void pick(s);
            }}
          >
            {s.text} <small>{KIND_LABEL[s.kind]}</small>
          </li>
        ))}
      </ul>
    </form>
  );
}
