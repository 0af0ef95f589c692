import { crawl } from '@mpli/core';
import { HttpProblem, sendJson } from '../http/problem';
import { parseJsonBody, readRequestBody } from '../http/request-body';
import type { Handler } from './route-context';

/** POST /crawls (authenticated): starts a crawl into the catalog; 202 with the operation to poll. */
export const startCrawl: Handler = async (request, response, _url, _params, context) => {
  await context.requireAuth(request);
  const { text } = await readRequestBody(request, context.maxBodyBytes, ['application/json']);
  const body = parseJsonBody(text) as { seeds?: unknown; registries?: unknown };
  const urls = (value: unknown, name: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && /^https?:\/\//.test(v))) throw new HttpProblem(400, 'Bad Request', `${name} is a list of http(s) URLs`);
    return value as string[];
  };
  const seeds = urls(body.seeds, 'seeds');
  const registries = urls(body.registries, 'registries');
  if (!seeds.length && !registries.length) throw new HttpProblem(400, 'Bad Request', 'Give seeds or registries to crawl');
  if (context.operations.running('crawl')) throw new HttpProblem(409, 'Conflict', 'A crawl is already running; poll its operation');
  const operation = context.operations.start('crawl', async (progress) => {
    const report = await crawl({ ...context.crawl, seeds, registries, catalog: context.catalog, ...(context.crawlMemory.state ? { state: context.crawlMemory.state } : {}), onEvent: (event) => (event.type === 'progress' ? progress(event.done, event.queued) : undefined) });
    context.crawlMemory.state = report.state;
    const { state: _state, ...summary } = report;
    return summary;
  });
  sendJson(response, 202, operation, { location: `/operations/${operation.id}` });
};

/** GET /operations/{id}: how a long operation is going, and its result once done. */
export const getOperation: Handler = async (_request, response, _url, params, context) => {
  const operation = context.operations.get(params.id ?? '');
  if (!operation) throw new HttpProblem(404, 'Not Found', `No operation ${params.id ?? ''}`);
  sendJson(response, 200, operation, operation.status === 'running' ? { 'retry-after': '1' } : {});
};
