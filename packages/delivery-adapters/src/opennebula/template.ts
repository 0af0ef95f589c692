/** An OpenNebula template attribute value: a single value, or a vector of sub-attributes. */
export type TemplateValue = string | Readonly<Record<string, string>>;

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Writes an OpenNebula template (`NAME = "value"`, vectors as `DISK = [ IMAGE_ID = "3" ]`), every
 * value quoted so that nothing in it can end an attribute. Repeated attributes (several DISKs)
 * are given as several entries.
 */
export function serializeTemplate(attributes: readonly (readonly [string, TemplateValue])[]): string {
  return attributes
    .map(([name, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not an OpenNebula attribute name`);
      if (typeof value === 'string') return `${name.toUpperCase()} = ${quote(value)}`;
      const inner = Object.entries(value).map(([k, v]) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`"${k}" is not an OpenNebula attribute name`);
        return `${k.toUpperCase()} = ${quote(v)}`;
      });
      return `${name.toUpperCase()} = [ ${inner.join(', ')} ]`;
    })
    .join('\n');
}

/**
 * Reads an OpenNebula template in its text syntax: names (upper-cased), `=`, a value (quoted
 * with `\\"` escapes, or bare up to a blank, `,`, `]`, `[` or `#`), vectors in brackets, `#`
 * comments. Throws `Parse error: …` like oned on anything else.
 */
export function parseTemplate(text: string): [string, TemplateValue][] {
  const out: [string, TemplateValue][] = [];
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`Parse error: ${why} at character ${at}`);
  };
  const skip = () => {
    for (;;) {
      while (at < text.length && /\s/.test(text[at]!)) at += 1;
      if (text[at] !== '#') return;
      while (at < text.length && text[at] !== '\n') at += 1;
    }
  };
  const name = () => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
    if (!m) fail('an attribute name was expected');
    at += m![0].length;
    return m![0].toUpperCase();
  };
  const expect = (c: string) => {
    skip();
    if (text[at] !== c) fail(`"${c}" was expected`);
    at += 1;
  };
  const value = () => {
    skip();
    if (text[at] === '"') {
      let out = '';
      for (at += 1; at < text.length && text[at] !== '"'; at += 1) {
        if (text[at] === '\\' && at + 1 < text.length) at += 1;
        out += text[at];
      }
      if (text[at] !== '"') fail('a quoted value does not end');
      at += 1;
      return out;
    }
    const m = /^[^\s=,\]#[]+/.exec(text.slice(at));
    if (!m) fail('a value was expected');
    at += m![0].length;
    return m![0];
  };
  for (skip(); at < text.length; skip()) {
    const key = name();
    expect('=');
    skip();
    if (text[at] === '[') {
      at += 1;
      const vector: Record<string, string> = {};
      for (skip(); text[at] !== ']'; skip()) {
        const k = name();
        expect('=');
        vector[k] = value();
        skip();
        if (text[at] === ',') at += 1;
        else if (text[at] !== ']') fail('"," or "]" was expected');
      }
      at += 1;
      out.push([key, vector]);
    } else out.push([key, value()]);
  }
  return out;
}
