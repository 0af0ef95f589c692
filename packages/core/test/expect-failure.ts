import { MpliError, parseRdf } from '@mpli/core';

/** Parses `text` and returns the MpliError it must throw (failing the test if it parses). */
export async function parseFailure(text: string, options: Parameters<typeof parseRdf>[1] = {}): Promise<MpliError> {
  try {
    await parseRdf(text, options);
  } catch (error) {
    if (error instanceof MpliError) return error;
    throw error;
  }
  throw new Error('expected the parse to fail');
}
