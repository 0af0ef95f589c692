import { sendJson } from '../http/problem';
import type { Handler } from './route-context';
import { page, pageOf } from './paging';

/** GET /providers: the providers in the catalog, paged. */
export const listProviders: Handler = async (_request, response, url, _params, context) => {
  const { limit, offset } = pageOf(url.searchParams);
  sendJson(response, 200, page(context.views.current().providers, limit, offset));
};

/** GET /offerings: the offerings, filtered by kind, provider (manifest or DID), country and text, paged. */
export const listOfferings: Handler = async (_request, response, url, _params, context) => {
  const { limit, offset } = pageOf(url.searchParams);
  const query = url.searchParams;
  const kind = query.get('kind');
  const provider = query.get('provider');
  const country = query.get('country')?.toUpperCase();
  const text = query.get('q')?.toLowerCase();
  const { offerings, providers } = context.views.current();
  const manifestsOfProvider = provider ? new Set(providers.filter((p) => p.manifest === provider || p.did === provider).map((p) => p.manifest)) : undefined;
  const matching = offerings.filter((o) =>
    (!kind || o.kind === kind || o.kind === `${kind}Offering`) &&
    (!manifestsOfProvider || manifestsOfProvider.has(o.manifest)) &&
    (!country || o.countries.includes(country)) &&
    (!text || o.name.toLowerCase().includes(text) || o.identifier.toLowerCase().includes(text)));
  sendJson(response, 200, page(matching, limit, offset));
};
