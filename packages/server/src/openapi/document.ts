/**
 * The OpenAPI 3.1 description of the MPLI REST endpoint, served at /openapi.json. A test checks
 * that its paths and methods are exactly the server's routes, that it is a valid OpenAPI 3.1
 * document, and that answers match its schemas.
 */
const problem = { description: 'An RFC 9457 problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [String(status), problem]));
const json = (schema: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } });
const pageParameters = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
  { name: 'cursor', in: 'query', description: 'The `next` of the previous page', schema: { type: 'string' } },
];
const rdf = (description: string) => ({ description, content: Object.fromEntries(['text/turtle', 'application/ld+json', 'application/n-quads'].map((t) => [t, { schema: { type: 'string' } }])) });

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'MPLI: Multi Provider Linked Infrastructure',
    version: '0.1.0',
    description: 'Providers, offerings, matching both ways, credential verification and crawls, over the MPLI libraries. Errors are RFC 9457 problem+json; every route is rate-limited (429 with Retry-After); writes need a bearer token.',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  paths: {
    '/.well-known/mpli': { get: { operationId: 'manifest', summary: 'The provider\'s manifest (when this server publishes one), by content negotiation, with ETag and 304', responses: { '200': rdf('The manifest'), '304': { description: 'Not modified' }, ...errors(404, 406, 429) } } },
    '/.well-known/mpli/signature': { get: { operationId: 'manifestSignature', summary: 'The manifest\'s detached signature', responses: { '200': { description: 'A ManifestCredential', content: { 'application/vc': { schema: { type: 'object' } } } }, ...errors(404, 429) } } },
    '/.well-known/mpli/credentials': { get: { operationId: 'providerCredentials', summary: 'The credentials the provider shows', responses: { '200': { description: 'Credentials', content: { 'application/json': { schema: { type: 'array' } } } }, ...errors(404, 429) } } },
    '/.well-known/api-catalog': { get: { operationId: 'apiCatalog', summary: 'RFC 9727 API catalog', responses: { '200': { description: 'A linkset', content: { 'application/linkset+json': { schema: { type: 'object' } } } }, ...errors(404, 429) } } },
    '/openapi.json': { get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } } },
    '/providers': { get: { operationId: 'listProviders', summary: 'The providers in the catalog', parameters: pageParameters, responses: { '200': { description: 'A page of providers', content: json('ProviderPage') }, ...errors(400, 429) } } },
    '/offerings': {
      get: {
        operationId: 'listOfferings', summary: 'The offerings, filtered and paged',
        parameters: [
          { name: 'kind', in: 'query', description: 'VirtualMachine, BlockStorage, ObjectStorage, Kubernetes, Database or Network (with or without "Offering")', schema: { type: 'string' } },
          { name: 'provider', in: 'query', description: 'A manifest IRI or the provider\'s DID', schema: { type: 'string' } },
          { name: 'country', in: 'query', description: 'ISO 3166-1 alpha-2', schema: { type: 'string', pattern: '^[A-Za-z]{2}$' } },
          { name: 'q', in: 'query', description: 'Text in the name or identifier', schema: { type: 'string' } },
          ...pageParameters,
        ],
        responses: { '200': { description: 'A page of offerings', content: json('OfferingPage') }, ...errors(400, 429) },
      },
    },
    '/': {
      get: {
        operationId: 'marketplacePage', summary: 'The marketplace web page (when the server was started with page: true): paste requirements, see ranked, explained matches, filter them, follow offerings to their providers',
        responses: { '200': { description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } }, ...errors(404, 429) },
      },
    },
    '/match': {
      post: {
        operationId: 'match', summary: 'Match requirements against every offering, both ways, with explanations',
        parameters: [
          { name: 'asOf', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'top', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
          { name: 'explain', in: 'query', schema: { type: 'string', enum: ['all'] } },
        ],
        requestBody: { required: true, ...rdf('A requirements manifest') },
        responses: { '200': { description: 'Ranked matches, near misses, relaxations', content: json('ResolveResult') }, ...errors(400, 413, 415, 422, 429) },
      },
    },
    '/verify': {
      post: {
        operationId: 'verify', summary: 'Verify a credential or a presentation',
        parameters: [{ name: 'challenge', in: 'query', description: 'For a presentation: the challenge you issued', schema: { type: 'string' } }, { name: 'domain', in: 'query', schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } }, 'application/vc': { schema: { type: 'object' } }, 'application/vp': { schema: { type: 'object' } }, 'application/vc+jwt': { schema: { type: 'string' } } } },
        responses: { '200': { description: 'Every check, named', content: json('Verification') }, ...errors(400, 413, 415, 429) },
      },
    },
    '/crawls': {
      post: {
        operationId: 'startCrawl', summary: 'Crawl seeds and registries into the catalog', security: [{ bearer: [] }, { presentation: [] }],
        requestBody: { required: true, content: json('CrawlRequest') },
        responses: { '202': { description: 'Started; poll the operation', headers: { Location: { schema: { type: 'string' } } }, content: json('Operation') }, ...errors(400, 401, 409, 413, 415, 429) },
      },
    },
    '/auth/challenge': {
      get: {
        operationId: 'authChallenge', summary: 'A one-time challenge to sign a presentation for',
        responses: { '200': { description: 'The challenge and the domain to bind', content: json('Challenge') }, ...errors(404, 429, 503) },
      },
    },
    '/agreements': {
      post: {
        operationId: 'proposeAgreement', summary: 'Provider side: countersign a consumer\'s agreement proposal for one of this provider\'s offerings', security: [{ bearer: [] }, { presentation: [] }],
        description: 'The body is a ServiceAgreementCredential the consumer issued and signed. It must verify, name this provider and one of its offerings, one of the offering\'s prices, and the provider\'s terms and conditions; the server adds the provider\'s proof (a Data Integrity proof set).',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } }, 'application/ld+json': { schema: { type: 'object' } } } },
        responses: { '201': { description: 'The agreement, signed by both', headers: { Location: { schema: { type: 'string' } } }, content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(400, 401, 403, 404, 413, 415, 422, 429) },
      },
    },
    '/agreements/{id}': {
      get: {
        operationId: 'getAgreement', summary: 'An agreement this provider countersigned', security: [{ bearer: [] }, { presentation: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The agreement', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(401, 403, 404, 429) },
      },
    },
    '/usage-records': {
      post: {
        operationId: 'addUsageRecord', summary: 'Hand in a provider\'s usage record for a consumer (a UsageRecordCredential naming the agreement)', security: [{ bearer: [] }, { presentation: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } }, 'application/ld+json': { schema: { type: 'object' } }, 'application/vc': { schema: { type: 'object' } } } },
        responses: { '201': { description: 'Kept', content: { 'application/json': { schema: { type: 'object', required: ['kept'], properties: { kept: { type: 'string' } } } } } }, ...errors(400, 401, 403, 404, 413, 415, 422, 429) },
      },
    },
    '/invoices': {
      post: {
        operationId: 'addInvoice', summary: 'Hand in a provider\'s invoice for a consumer (an InvoiceCredential); it is checked against the consumer\'s agreements at once', security: [{ bearer: [] }, { presentation: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } }, 'application/ld+json': { schema: { type: 'object' } }, 'application/vc': { schema: { type: 'object' } } } },
        responses: { '201': { description: 'Kept, with the verdict: accepted, or each flag with its reason', content: json('InvoiceVerdict') }, ...errors(400, 401, 403, 404, 413, 415, 422, 429) },
      },
    },
    '/statements': {
      get: {
        operationId: 'getStatement', summary: 'A consumer\'s one statement for a month: every accepted invoice of every provider, per currency, per provider, per agreement and per service; flagged invoices aside with their reasons', security: [{ bearer: [] }, { presentation: [] }],
        parameters: [
          { name: 'period', in: 'query', required: true, description: 'The month, YYYY-MM', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } },
          { name: 'consumer', in: 'query', description: 'The consumer\'s DID (a presentation\'s holder gets its own statement without it)', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'The statement, as JSON or (Accept: text/csv) CSV', content: { ...json('Statement'), 'text/csv': { schema: { type: 'string' } } } }, ...errors(400, 401, 403, 404, 429) },
      },
    },
    '/orders': {
      post: {
        operationId: 'placeOrder', summary: 'Order one of this provider\'s offerings; its manifest names the adapter that delivers it. A repeated order id delivers once.', security: [{ bearer: [] }, { presentation: [] }],
        requestBody: { required: true, content: json('OrderRequest') },
        responses: { '202': { description: 'Started; poll the operation (order-{id})', headers: { Location: { schema: { type: 'string' } } }, content: json('Operation') }, ...errors(400, 401, 403, 404, 413, 415, 422, 429, 501) },
      },
    },
    '/orders/plan': {
      post: {
        operationId: 'planOrder', summary: 'What an order would change, changing nothing', security: [{ bearer: [] }, { presentation: [] }],
        requestBody: { required: true, content: json('OrderRequest') },
        responses: { '200': { description: 'The plan', content: json('DeliveryPlan') }, ...errors(400, 401, 403, 404, 413, 415, 422, 429, 501, 502) },
      },
    },
    '/orders/{id}': {
      get: {
        operationId: 'orderStatus', summary: 'What an order has now, as its adapter sees it', security: [{ bearer: [] }, { presentation: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The order\'s status', content: json('DeliveryStatus') }, ...errors(400, 401, 403, 404, 429, 502) },
      },
      delete: {
        operationId: 'destroyOrder', summary: 'Remove everything the order created', security: [{ bearer: [] }, { presentation: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '202': { description: 'Started; poll the operation (destroy-{id})', headers: { Location: { schema: { type: 'string' } } }, content: json('Operation') }, ...errors(400, 401, 403, 404, 429, 502) },
      },
    },
    '/operations/{id}': {
      get: {
        operationId: 'getOperation', summary: 'A long operation: its status, progress and result',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The operation', content: json('Operation') }, ...errors(404, 429) },
      },
    },
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer' },
      presentation: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`VP <base64url of a verifiable presentation>`, signed by a writer\'s DID for a challenge from GET /auth/challenge and the server\'s domain' },
    },
    schemas: {
      Flag: { type: 'object', required: ['code', 'reason'], properties: { code: { type: 'string' }, reason: { type: 'string' }, line: { type: 'integer', minimum: 1 } } },
      InvoiceVerdict: { type: 'object', required: ['kept', 'accepted', 'flags'], properties: { kept: { type: 'string' }, accepted: { type: 'boolean' }, flags: { type: 'array', items: { $ref: '#/components/schemas/Flag' } } } },
      Money: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
      Statement: {
        type: 'object', required: ['consumer', 'period', 'currencies', 'disputed'],
        properties: {
          consumer: { type: 'string' }, period: { type: 'string' },
          currencies: { type: 'array', items: { type: 'object', required: ['currency', 'net', 'tax', 'payable', 'providers', 'services'], properties: {
            currency: { type: 'string' }, net: { $ref: '#/components/schemas/Money' }, tax: { $ref: '#/components/schemas/Money' }, payable: { $ref: '#/components/schemas/Money' },
            providers: { type: 'array', items: { type: 'object', required: ['provider', 'net', 'tax', 'payable', 'invoices', 'agreements'], properties: {
              provider: { type: 'string' }, net: { $ref: '#/components/schemas/Money' }, tax: { $ref: '#/components/schemas/Money' }, payable: { $ref: '#/components/schemas/Money' },
              invoices: { type: 'array', items: { type: 'object', required: ['id', 'number', 'issueDate', 'net', 'tax', 'payable'] } },
              agreements: { type: 'array', items: { type: 'object', required: ['agreement', 'net'] } },
            } } },
            services: { type: 'array', items: { type: 'object', required: ['service', 'net'] } },
          } } },
          disputed: { type: 'array', items: { type: 'object', required: ['credential', 'flags'], properties: { credential: { type: 'string' }, provider: { type: 'string' }, number: { type: 'string' }, flags: { type: 'array', items: { $ref: '#/components/schemas/Flag' } } } } },
        },
      },
      Problem: { type: 'object', required: ['type', 'title', 'status'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } } },
      ProviderPage: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Provider' } }, total: { type: 'integer' }, next: { type: 'string' } } },
      Provider: { type: 'object', required: ['manifest', 'name', 'country', 'offerings'], properties: { manifest: { type: 'string' }, name: { type: 'string' }, did: { type: 'string' }, country: { type: 'string' }, manifestLocation: { type: 'string' }, offerings: { type: 'integer' }, source: { type: 'string' } } },
      OfferingPage: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Offering' } }, total: { type: 'integer' }, next: { type: 'string' } } },
      Offering: {
        type: 'object', required: ['id', 'identifier', 'name', 'kind', 'manifest', 'provider', 'countries', 'prices'],
        properties: {
          id: { type: 'string' }, identifier: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, manifest: { type: 'string' }, provider: { type: 'string' },
          countries: { type: 'array', items: { type: 'string' } },
          prices: { type: 'array', items: { type: 'object', required: ['amount', 'currency'], properties: { amount: { type: 'string' }, currency: { type: 'string' }, per: { type: 'string' } } } },
        },
      },
      ResolveResult: { type: 'object', required: ['asOf', 'needs'], properties: { asOf: { type: 'string' }, needs: { type: 'array', items: { type: 'object' } }, notes: { type: 'array' } } },
      Verification: {
        type: 'object', required: ['kind', 'verified', 'checks', 'errors', 'warnings'],
        properties: {
          kind: { type: 'string', enum: ['credential', 'presentation'] }, verified: { type: 'boolean' },
          checks: { type: 'array', items: { type: 'object', required: ['name', 'ok', 'message'], properties: { name: { type: 'string' }, ok: { type: 'boolean' }, message: { type: 'string' } } } },
          errors: { type: 'array', items: { type: 'string' } }, warnings: { type: 'array', items: { type: 'string' } },
        },
      },
      Challenge: { type: 'object', required: ['challenge', 'domain', 'expiresAt'], properties: { challenge: { type: 'string' }, domain: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } },
      CrawlRequest: { type: 'object', properties: { seeds: { type: 'array', items: { type: 'string', format: 'uri' } }, registries: { type: 'array', items: { type: 'string', format: 'uri' } } } },
      Operation: {
        type: 'object', required: ['id', 'kind', 'status', 'createdAt', 'progress'],
        properties: {
          id: { type: 'string' }, kind: { type: 'string', enum: ['crawl', 'order', 'destroy'] }, status: { type: 'string', enum: ['running', 'succeeded', 'failed', 'cancelled'] }, createdAt: { type: 'string', format: 'date-time' },
          finishedAt: { type: 'string', format: 'date-time' }, progress: { type: 'object', properties: { done: { type: 'integer' }, queued: { type: 'integer' } } }, result: { type: 'object' }, error: { type: 'string' },
          events: { type: 'array', description: 'A delivery\'s events so far: started, progress, resource-created, resource-removed, compensating, completed, failed, cancelled', items: { type: 'object', required: ['type', 'operation'], properties: { type: { type: 'string' }, operation: { type: 'string' } } } },
        },
      },
      OrderRequest: {
        type: 'object', required: ['id', 'offering'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Chosen by the client: a repeated order with the same id delivers once' },
          offering: { type: 'string', description: 'The IRI of one of this provider\'s offerings' },
          parameters: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, description: 'Parameters the offering does not fix' },
          consumer: { type: 'string', description: 'The consumer\'s DID (with a bearer token; a presentation names its holder instead)' },
          chain: { type: 'array', items: { type: 'string' }, description: 'The order ids this order delivers for (layered delivery)' },
          agreement: { type: 'object', description: 'The agreement the order is placed under: a ServiceAgreementCredential signed by the consumer and countersigned by a provider. It must verify, be the consumer\'s, and bind this provider to this offering or name it as a successor provider (a migrated workload); otherwise 422 or 403' },
        },
      },
      DeliveryPlan: {
        type: 'object', required: ['orderId', 'adapter', 'changes', 'summary'],
        properties: { orderId: { type: 'string' }, adapter: { type: 'string' }, summary: { type: 'string' }, changes: { type: 'array', items: { type: 'object', required: ['action', 'resource'], properties: { action: { type: 'string', enum: ['create', 'update', 'replace', 'delete', 'none'] }, resource: { type: 'string' } } } } },
      },
      DeliveryStatus: {
        type: 'object', required: ['orderId', 'adapter', 'state', 'resources', 'outputs'],
        properties: {
          orderId: { type: 'string' }, adapter: { type: 'string' }, state: { type: 'string', enum: ['absent', 'ready', 'partial'] },
          resources: { type: 'array', items: { type: 'object', required: ['resource', 'operation'], properties: { resource: { type: 'string' }, operation: { type: 'string' } } } },
          outputs: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    },
  },
} as const;
