/**
 * Finds where a JSON text stops being valid, because Node 20's JSON.parse does not always say.
 * Runs only after JSON.parse has failed, so it favours clarity over speed.
 */
export interface JsonErrorPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

class Stop extends Error {
  constructor(readonly offset: number, readonly reason: string) {
    super(reason);
  }
}

/** Locates the first JSON syntax error in `text`, or undefined when the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorPosition | undefined {
  let i = 0;
  const fail = (reason: string): never => {
    throw new Stop(i, reason);
  };
  const blank = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i += 1;
  };
  const describe = () => (i >= text.length ? 'end of input' : `"${text[i]}"`);
  const literal = (word: string) => (text.startsWith(word, i) ? void (i += word.length) : fail(`unexpected ${describe()}`));
  const string = () => {
    i += 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i += 1;
      else if ((text.charCodeAt(i) ?? 0) < 0x20) fail('control character in string');
      i += 1;
    }
    if (i >= text.length) fail('unterminated string');
    i += 1;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail(`unexpected ${describe()}`);
    i += match?.[0].length ?? 0;
  };
  const sequence = (close: string, item: () => void) => {
    i += 1;
    blank();
    if (text[i] === close) return void (i += 1);
    for (;;) {
      item();
      blank();
      if (text[i] === ',') { i += 1; blank(); continue; }
      if (text[i] === close) return void (i += 1);
      fail(`expected "," or "${close}" but found ${describe()}`);
    }
  };
  const member = () => {
    if (text[i] !== '"') fail(`expected a property name in double quotes but found ${describe()}`);
    string();
    blank();
    if (text[i] !== ':') fail(`expected ":" but found ${describe()}`);
    i += 1;
    value();
  };
  const value = (): void => {
    blank();
    const c = text[i];
    if (c === '{') sequence('}', member);
    else if (c === '[') sequence(']', value);
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    blank();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the document`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.offset), offset: error.offset, reason: error.reason };
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
