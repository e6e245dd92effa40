import { Client, SniffingTransport, type ClientOptions, type TransportOptions } from '@elastic/elasticsearch';

/** The REST API version requests ask for: the client's own (9), or 8 for an Elasticsearch 8.x server. */
export type ApiCompatibility = 8 | 9;

const COMPATIBLE_WITH_8 = {
  jsonContentType: 'application/vnd.elasticsearch+json; compatible-with=8',
  ndjsonContentType: 'application/vnd.elasticsearch+x-ndjson; compatible-with=8',
  accept: 'application/vnd.elasticsearch+json; compatible-with=8,text/plain',
};

/**
 * The 9.x client announces "compatible-with=9" on every request, which an Elasticsearch 8.x server refuses
 * ("Accept version must be either version 8 or 7"). This transport asks for version 8 instead: 8.x servers
 * answer it natively and 9.x servers through their REST API compatibility with the previous major.
 */
class CompatibleWith8Transport extends SniffingTransport {
  constructor(options: TransportOptions) {
    super({ ...options, vendoredHeaders: COMPATIBLE_WITH_8 });
  }
}

/** A client for ELASTICSEARCH_URL; credentials may be in the URL (http://elastic:secret@elasticsearch:9200). */
export function elasticsearchClient(node: string, compatibility: ApiCompatibility = 9, extra: Omit<ClientOptions, 'node'> = {}): Client {
  return new Client({ node, ...(compatibility === 8 && { Transport: CompatibleWith8Transport }), ...extra });
}
