import { Alert, Button, errorMessage, Spinner, type ApiError } from '@shop/web-kit';

/** Loading and error states of a page's query, with a way to try again. */
export function QueryStatus({ loading, error, retry, what }: { loading: boolean; error?: ApiError; retry(): void; what: string }) {
  if (error) {
    return (
      <Alert tone="error" title={`We could not load ${what}.`}>
        <p>{errorMessage(error)}</p>
        <Button variant="secondary" onClick={retry}>Try again</Button>
      </Alert>
    );
  }
  return loading ? <Spinner label={`Loading ${what}…`} /> : null;
}
