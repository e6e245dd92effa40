/**
 * What this proves: the client the Elasticsearch backend builds announces the REST API version it is told to (9 by
 * default, 8 for an Elasticsearch 8.x server) on JSON and bulk requests, and takes credentials from the URL —
 * checked on the headers the official client hands to its connection (the official mock's). It does NOT prove
 * that a real server accepts them: no Elasticsearch server can run here.
 */
import Mock from '@elastic/elasticsearch-mock';
import { elasticsearchClient } from '../src/backends/elasticsearch/index.js';

function capturingConnection() {
  const mock = new Mock();
  mock.add({ method: 'POST', path: '/products/_search' }, () => ({ took: 1, hits: { total: { value: 0, relation: 'eq' }, hits: [] } }));
  mock.add({ method: 'POST', path: '/_bulk' }, () => ({ took: 1, errors: false, items: [] }));
  const headers: Array<Record<string, string>> = [];
  const MockConnection = mock.getConnection();
  class Capturing extends MockConnection {
    override request(params: any, options: any): any {
      headers.push(params.headers);
      return super.request(params, options);
    }
  }
  return { Connection: Capturing, headers };
}

async function requestsOf(compatibility?: 8 | 9) {
  const { Connection, headers } = capturingConnection();
  const client = elasticsearchClient('http://elasticsearch.test:9200', compatibility, { Connection });
  await client.search({ index: 'products', query: { match_all: {} } });
  await client.bulk({ operations: [{ delete: { _index: 'products', _id: '1' } }] });
  return headers;
}

describe('the Elasticsearch client', () => {
  it('asks for version 9 answers by default, as the 9.x client does', async () => {
    const [search, bulk] = await requestsOf();

    expect(search.accept).toBe('application/vnd.elasticsearch+json; compatible-with=9');
    expect(search['content-type']).toBe('application/vnd.elasticsearch+json; compatible-with=9');
    expect(bulk['content-type']).toBe('application/vnd.elasticsearch+x-ndjson; compatible-with=9');
  });

  it('asks for version 8 answers, JSON and bulk alike, when the server is Elasticsearch 8', async () => {
    const [search, bulk] = await requestsOf(8);

    expect(search.accept).toBe('application/vnd.elasticsearch+json; compatible-with=8');
    expect(search['content-type']).toBe('application/vnd.elasticsearch+json; compatible-with=8');
    expect(bulk.accept).toBe('application/vnd.elasticsearch+json; compatible-with=8');
    expect(bulk['content-type']).toBe('application/vnd.elasticsearch+x-ndjson; compatible-with=8');
  });

  it('signs in with the credentials of the URL', () => {
    const client = elasticsearchClient('http://elastic:s3cret@elasticsearch.test:9200');

    const [connection] = client.connectionPool.connections;
    expect(connection.headers.authorization).toBe(`Basic ${Buffer.from('elastic:s3cret').toString('base64')}`);
  });
});
