export { createShopClient, ShopClient, type ResultOf, type ShopClientOptions, type SubscriptionSink, type TokenSource, type TypedDocument, type VariablesOf } from './graphql/client';
export { ApiError, errorCode, errorMessage, shortLines, type ApiErrorEntry, type ErrorMessageOptions } from './graphql/errors';
export { ShopClientProvider, useMutation, useQuery, useShopClient, useSubscription, type MutationState, type QueryState } from './graphql/hooks';
export * from './auth';
export { createCartSession, type CartSession } from './cart-session';
export { formatMoney, type MoneyValue } from './money';
export { BrowserRouter, Link, matchPath, Navigate, NavLink, Route, Routes, useLocation, useNavigate, useParams, useSearchParams } from './router';
export { Alert, Button, CheckboxField, Layout, Pager, SelectField, Spinner, TextAreaField, TextField, usePageTitle } from './ui';
