import {
  Children, createContext, isValidElement, useCallback, useContext, useEffect, useMemo, useState,
  type AnchorHTMLAttributes, type MouseEvent, type ReactElement, type ReactNode,
} from 'react';

/**
 * A small History-API router with React Router's names and behaviour for what the apps use (BrowserRouter with a
 * basename, Routes/Route with :params and *, Link/NavLink, Navigate, useParams/useNavigate/useLocation/
 * useSearchParams). Kept in the kit because react-router is not installed in this workspace; swapping to it is a
 * change of imports.
 */
interface Location {
  pathname: string;
  search: string;
}

interface RouterValue {
  basename: string;
  location: Location;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterValue | null>(null);
const ParamsContext = createContext<Record<string, string>>({});

function current(basename: string): Location {
  const path = location.pathname.startsWith(basename) ? location.pathname.slice(basename.length) : location.pathname;
  return { pathname: path.startsWith('/') ? path : `/${path}`, search: location.search };
}

export function BrowserRouter({ basename = '', children }: { basename?: string; children: ReactNode }) {
  const base = basename.replace(/\/$/, '');
  const [loc, setLoc] = useState(() => current(base));

  useEffect(() => {
    const onPop = () => setLoc(current(base));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [base]);

  const navigate = useCallback(
    (to: string, options: { replace?: boolean } = {}) => {
      const target = to.startsWith('?') ? `${location.pathname}${to}` : `${base}${to}`;
      if (options.replace) history.replaceState(null, '', target);
      else history.pushState(null, '', target);
      setLoc(current(base));
      if (!to.startsWith('?')) scrollTo(0, 0);
    },
    [base],
  );

  const value = useMemo(() => ({ basename: base, location: loc, navigate }), [base, loc, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

function useRouter(): RouterValue {
  const router = useContext(RouterContext);
  if (!router) throw new Error('Router hooks need a <BrowserRouter>');
  return router;
}

export function useLocation(): Location {
  return useRouter().location;
}

export function useNavigate(): RouterValue['navigate'] {
  return useRouter().navigate;
}

export function useParams<T extends Record<string, string> = Record<string, string>>(): T {
  return useContext(ParamsContext) as T;
}

export function useSearchParams(): [URLSearchParams, (next: URLSearchParams | Record<string, string>, options?: { replace?: boolean }) => void] {
  const { location: loc, navigate } = useRouter();
  const params = useMemo(() => new URLSearchParams(loc.search), [loc.search]);
  const set = useCallback(
    (next: URLSearchParams | Record<string, string>, options?: { replace?: boolean }) => {
      const query = new URLSearchParams(next).toString();
      navigate(`${loc.pathname}${query ? `?${query}` : ''}`, options);
    },
    [loc.pathname, navigate],
  );
  return [params, set];
}

/** `/products/:slug` against `/products/mug` → { slug: 'mug' }; a trailing `*` matches the rest. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  if (pattern === '*') return {};
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '*') return params;
    if (have[i] === undefined) return null;
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return want.length === have.length ? params : null;
}

export function Route(_props: { path: string; element: ReactNode }): null {
  return null;
}

/** Renders the first <Route> whose path matches. */
export function Routes({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  for (const child of Children.toArray(children)) {
    if (!isValidElement(child)) continue;
    const { path, element } = (child as ReactElement<{ path: string; element: ReactNode }>).props;
    const params = matchPath(path, pathname);
    if (params) return <ParamsContext.Provider value={params}>{element}</ParamsContext.Provider>;
  }
  return null;
}

type AnchorProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; replace?: boolean };

export function Link({ to, replace, onClick, ...rest }: AnchorProps) {
  const { basename, navigate } = useRouter();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, { replace });
  };
  return <a href={`${basename}${to}`} onClick={handle} {...rest} />;
}

/** A Link marked aria-current="page" when its path is the current one (or a parent of it, unless `end`). */
export function NavLink({ end, ...props }: AnchorProps & { end?: boolean }) {
  const { pathname } = useLocation();
  const target = props.to.split('?')[0];
  const active = end ? pathname === target : pathname === target || pathname.startsWith(`${target.replace(/\/$/, '')}/`);
  return <Link aria-current={active ? 'page' : undefined} {...props} />;
}

export function Navigate({ to, replace }: { to: string; replace?: boolean }) {
  const navigate = useNavigate();
  useEffect(() => navigate(to, { replace }), [navigate, to, replace]);
  return null;
}
