/** One physical line of an NDJSON input, or the note that it was too long to keep. */
export type Line = { line: number; text: string } | { line: number; tooLarge: true; bytes: number } | { line: number; invalidUtf8: true };

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines without holding more than one line in memory: a line longer
 * than `maxLineBytes` is dropped as it streams (only its length is counted) and reported as
 * `tooLarge`, so a 1 GB line costs no more memory than a short one. Handles CRLF, a UTF-8 BOM and
 * a last line without a newline. Line numbers are 1-based and count blank lines too (so they
 * match an editor's), but blank lines are not yielded.
 */
export async function* readLines(source: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let parts: Uint8Array[] = [];
  let total = 0;
  let lineNo = 0;

  const finish = (): Line | undefined => {
    lineNo++;
    const bytes = total;
    const chunks = parts;
    parts = [];
    total = 0;
    if (bytes > maxLineBytes) return { line: lineNo, tooLarge: true, bytes };
    const joined = concat(chunks, bytes);
    let end = joined.length;
    if (end > 0 && joined[end - 1] === CR) end--;
    if (end === 0) return undefined;
    let text: string;
    try {
      text = decoder.decode(joined.subarray(0, end));
    } catch {
      return { line: lineNo, invalidUtf8: true };
    }
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text.trim() === "" ? undefined : { line: lineNo, text };
  };

  for await (const chunk of source) {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      total += piece.length;
      // Once over the limit the line is only counted: its bytes are never kept.
      if (total <= maxLineBytes) parts.push(piece.slice());
      if (nl === -1) break;
      const out = finish();
      if (out) yield out;
      start = nl + 1;
    }
  }
  if (total > 0 || parts.length > 0) {
    const out = finish();
    if (out) yield out;
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(
    Math.min(
      size,
      chunks.reduce((n, c) => n + c.length, 0),
    ),
  );
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/**
 * Wraps a byte stream so its consumer can read how many bytes have passed (progress bars) and
 * so it fails once `limitBytes` is exceeded (request bodies), without buffering anything.
 */
export class CountingSource implements AsyncIterable<Uint8Array> {
  bytes = 0;

  constructor(
    private readonly source: AsyncIterable<Uint8Array>,
    private readonly limitBytes = Number.POSITIVE_INFINITY,
    private readonly onLimit: (limit: number) => Error = (limit) => new Error(`input exceeds ${limit} bytes`),
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for await (const chunk of this.source) {
      this.bytes += chunk.length;
      if (this.bytes > this.limitBytes) throw this.onLimit(this.limitBytes);
      yield chunk;
    }
  }
}

/** A web ReadableStream as an async iterable that releases the reader however iteration ends. */
export async function* iterateStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.length > 0) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
