/** The parts of an OpenAPI 3.1 document the REST reference reads. */
interface Operation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly security?: readonly Record<string, unknown>[];
  readonly parameters?: readonly { readonly name: string; readonly in: string; readonly description?: string; readonly required?: boolean }[];
  readonly requestBody?: { readonly content?: Record<string, unknown> };
  readonly responses?: Record<string, { readonly description?: string }>;
}
interface OpenApi {
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: Record<string, Record<string, Operation>>;
}

/** The REST reference (Markdown) generated from the server's OpenAPI document: every route, its parameters, body and answers. */
export function restReference(document: OpenApi): string {
  const lines = [`# ${document.info.title} ${document.info.version}: REST reference`, '', 'Generated from the OpenAPI 3.1 document the server serves at `/openapi.json` (a test keeps every route true to it).', ''];
  if (document.info.description) lines.push(document.info.description, '');
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      lines.push(`## \`${method.toUpperCase()} ${path}\``, '', `${op.summary ?? ''}${op.security?.length ? ' (authenticated: a bearer token or a verifiable presentation)' : ''}`.trim(), '');
      if (op.description) lines.push(op.description, '');
      for (const p of op.parameters ?? []) lines.push(`- ${p.in} \`${p.name}\`${p.required ? ' (required)' : ''}: ${p.description ?? ''}`);
      if (op.requestBody?.content) lines.push(`- body: ${Object.keys(op.requestBody.content).map((t) => `\`${t}\``).join(', ')}`);
      const answers = Object.entries(op.responses ?? {}).map(([status, r]) => `${status} ${r.description ?? ''}`.trim());
      if (answers.length) lines.push(`- answers: ${answers.join('; ')}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}
