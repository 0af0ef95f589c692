import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './problem';

/**
 * Reads a request body whole, refusing more than `maxBytes` (by Content-Length before reading,
 * and while reading) with 413, and a media type not in `accepted` with 415.
 */
export async function readRequestBody(request: IncomingMessage, maxBytes: number, accepted: readonly string[]): Promise<{ text: string; mediaType: string }> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!accepted.includes(mediaType)) throw new HttpProblem(415, 'Unsupported Media Type', `Send ${accepted.join(', ')}${mediaType ? `, not ${mediaType}` : ' (no Content-Type was given)'}`);
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw new HttpProblem(413, 'Content Too Large', `The body is larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpProblem(413, 'Content Too Large', `The body is larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), mediaType };
}

/** Parses a JSON body, answering 400 with the parser's reason when it is not JSON. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpProblem(400, 'Bad Request', `The body is not JSON: ${(error as Error).message}`);
  }
}
