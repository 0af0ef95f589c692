import type { ServerResponse } from 'node:http';

/** An error that becomes an RFC 9457 problem+json answer with its status. */
export class HttpProblem extends Error {
  constructor(readonly status: number, readonly title: string, detail: string, readonly headers: Readonly<Record<string, string>> = {}, readonly extra: Readonly<Record<string, unknown>> = {}) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** Writes a problem+json answer (RFC 9457). */
export function sendProblem(response: ServerResponse, problem: HttpProblem, instance?: string): void {
  if (response.headersSent) return void response.destroy();
  const body = JSON.stringify({ type: 'about:blank', title: problem.title, status: problem.status, detail: problem.message, ...(instance ? { instance } : {}), ...problem.extra });
  response.writeHead(problem.status, { ...problem.headers, 'content-type': 'application/problem+json', 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
}

/** Writes a JSON answer. */
export function sendJson(response: ServerResponse, status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
}
