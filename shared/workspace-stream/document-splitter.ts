// Splits a JSON document that arrives in byte chunks into its top-level members, and the
// elements of the large arrays (uploads, invoices) one by one, without ever holding the
// document as one string: a workspace of a large MSP is larger than the longest string a
// JavaScript engine can make. Only the structure is scanned here (brackets, strings,
// separators); each member or element is then read by the engine's own JSON.parse, many
// times faster than a parser written in JavaScript (see docs/workspace-files.md#reading).

/** One piece of the document, in document order. */
export type DocumentPiece =
  /** A top-level member read whole. */
  | { kind: 'member'; key: string; value: unknown }
  /** A streamed member that is an array: it starts (its elements follow as items). */
  | { kind: 'array'; key: string }
  /** One element of a streamed array. */
  | { kind: 'item'; key: string; index: number; value: unknown }
  /** The document is not an object: read whole. */
  | { kind: 'root'; value: unknown };

/** The bytes are not one JSON document; `offset` is where the problem was found. */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.offset = offset;
  }
}

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a;
const OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d, OPEN_ARRAY = 0x5b, CLOSE_ARRAY = 0x5d;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

type State =
  | 'start' | 'key-or-end' | 'key' | 'key-text' | 'colon' | 'value' | 'after-member'
  | 'item-or-end' | 'item' | 'after-item' | 'done' | 'root';

/** How far a value being scanned has got: a container, a string or a bare word (number, true…). */
interface Scan {
  form: 'container' | 'string' | 'bare';
  depth: number;
  inString: boolean;
  escape: boolean;
}

export class DocumentSplitter {
  private state: State = 'start';
  private readonly streamed: ReadonlySet<string>;
  private readonly decoder = new TextDecoder();
  /** Bytes of the key or value being captured, when it spans chunks. */
  private pieces: Uint8Array[] = [];
  private scan: Scan = { form: 'bare', depth: 0, inString: false, escape: false };
  private key = '';
  private index = 0;
  private offset = 0;
  private readonly seen = new Set<string>();
  /** A member's value or an array element is being scanned (it may span chunks). */
  private scanning = false;
  /** Where the capture of the value being scanned started in the current chunk. */
  private captureStart = 0;

  /** `streamed`: top-level members whose array elements are given one by one. */
  constructor(streamed: Iterable<string>) {
    this.streamed = new Set(streamed);
  }

  /** The pieces this chunk completes. */
  write(chunk: Uint8Array): DocumentPiece[] {
    const out: DocumentPiece[] = [];
    const n = chunk.length;
    let i = 0;
    let start = 0;
    while (i < n) {
      const b = chunk[i] as number;
      switch (this.state) {
        case 'start':
          if (isSpace(b)) { i++; break; }
          if (b === OPEN_OBJECT) { this.state = 'key-or-end'; i++; break; }
          this.state = 'root';
          start = i;
          i = n;
          break;
        case 'root':
          i = n;
          break;
        case 'key-or-end':
        case 'key':
          if (isSpace(b)) { i++; break; }
          if (b === CLOSE_OBJECT && this.state === 'key-or-end') { this.state = 'done'; i++; break; }
          if (b !== QUOTE) throw this.error('expected a member name in double quotes', this.offset + i);
          this.state = 'key-text';
          this.scan = { form: 'string', depth: 0, inString: true, escape: false };
          start = i;
          i++;
          break;
        case 'key-text': {
          const end = this.scanValue(chunk, i);
          if (end < 0) { i = n; break; }
          this.key = this.parse(this.take(chunk, start, end), 'a member name', start) as string;
          if (this.seen.has(this.key)) throw this.error(`the member "${this.key}" appears twice`, this.offset + start);
          this.seen.add(this.key);
          this.state = 'colon';
          i = end;
          break;
        }
        case 'colon':
          if (isSpace(b)) { i++; break; }
          if (b !== COLON) throw this.error(`expected ":" after "${this.key}"`, this.offset + i);
          this.state = 'value';
          i++;
          break;
        case 'value':
          if (isSpace(b)) { i++; break; }
          if (b === OPEN_ARRAY && this.streamed.has(this.key)) {
            out.push({ kind: 'array', key: this.key });
            this.index = 0;
            this.state = 'item-or-end';
            i++;
            break;
          }
          this.state = 'after-member';
          this.beginScan(b);
          start = i;
          i = this.finishCapture(chunk, i, start, out, 'member');
          if (i < 0) i = n;
          break;
        case 'after-member':
          if (this.scanning) {
            // a value still being scanned (it spans chunks)
            const end = this.finishCapture(chunk, i, i, out, 'member');
            if (end < 0) { i = n; break; }
            i = end;
            break;
          }
          if (isSpace(b)) { i++; break; }
          if (b === COMMA) { this.state = 'key'; i++; break; }
          if (b === CLOSE_OBJECT) { this.state = 'done'; i++; break; }
          throw this.error(`expected "," or "}" after the value of "${this.key}"`, this.offset + i);
        case 'item-or-end':
        case 'item':
          if (isSpace(b)) { i++; break; }
          if (b === CLOSE_ARRAY && this.state === 'item-or-end') { this.state = 'after-member'; i++; break; }
          this.state = 'after-item';
          this.beginScan(b);
          start = i;
          i = this.finishCapture(chunk, i, start, out, 'item');
          if (i < 0) i = n;
          break;
        case 'after-item':
          if (this.scanning) {
            const end = this.finishCapture(chunk, i, i, out, 'item');
            if (end < 0) { i = n; break; }
            i = end;
            break;
          }
          if (isSpace(b)) { i++; break; }
          if (b === COMMA) { this.state = 'item'; i++; break; }
          if (b === CLOSE_ARRAY) { this.state = 'after-member'; i++; break; }
          throw this.error(`expected "," or "]" after ${this.key}[${this.index - 1}]`, this.offset + i);
        case 'done':
          if (isSpace(b)) { i++; break; }
          throw this.error('unexpected data after the end of the document', this.offset + i);
      }
    }
    // Keep what a capture still needs from this chunk.
    if (this.state === 'root') this.pieces.push(chunk.slice(start));
    else if (this.state === 'key-text' || this.scanning) this.pieces.push(chunk.slice(this.captureFrom(start)));
    this.offset += n;
    return out;
  }

  /** The pieces the end of the input completes; throws when the document is cut short. */
  end(): DocumentPiece[] {
    if (this.state === 'root') return [{ kind: 'root', value: this.parse(this.take(new Uint8Array(0), 0, 0), 'the document', 0) }];
    // Inside an object every value is followed by "," or "}", so a value open here is cut short too.
    if (this.state !== 'done') throw this.error(this.state === 'start' ? 'the file is empty' : 'unexpected end of the document (is the file cut short?)', this.offset);
    return [];
  }

  private captureFrom(start: number): number {
    return this.state === 'key-text' ? start : this.captureStart;
  }

  private beginScan(b: number): void {
    this.scanning = true;
    if (b === OPEN_OBJECT || b === OPEN_ARRAY) this.scan = { form: 'container', depth: 0, inString: false, escape: false };
    else if (b === QUOTE) this.scan = { form: 'string', depth: 0, inString: false, escape: false };
    else this.scan = { form: 'bare', depth: 0, inString: false, escape: false };
  }

  /**
   * Scans the value being captured from `i`; when it ends in this chunk, parses it, adds the
   * piece and returns the index after it, else -1 (the caller keeps the bytes).
   */
  private finishCapture(chunk: Uint8Array, i: number, start: number, out: DocumentPiece[], kind: 'member' | 'item'): number {
    this.captureStart = start;
    const end = this.scanValue(chunk, i);
    if (end < 0) return -1;
    this.scanning = false;
    const text = this.take(chunk, start, end);
    if (kind === 'member') out.push({ kind: 'member', key: this.key, value: this.parse(text, `"${this.key}"`, this.offset + start) });
    else {
      const index = this.index++;
      out.push({ kind: 'item', key: this.key, index, value: this.parse(text, `${this.key}[${index}]`, this.offset + start) });
    }
    return end;
  }

  /** The index just after the value's last byte, or -1 when the value goes on past this chunk. */
  private scanValue(chunk: Uint8Array, from: number): number {
    const s = this.scan;
    const n = chunk.length;
    let i = from;
    if (s.form === 'bare') {
      for (; i < n; i++) {
        const b = chunk[i] as number;
        if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || isSpace(b)) return i;
      }
      return -1;
    }
    let { depth, inString, escape } = s;
    if (s.form === 'string' && !inString && depth === 0) {
      // the opening quote
      inString = true;
      depth = 1;
      i++;
    }
    for (; i < n; i++) {
      const b = chunk[i] as number;
      if (inString) {
        if (escape) escape = false;
        else if (b === BACKSLASH) escape = true;
        else if (b === QUOTE) {
          inString = false;
          if (s.form === 'string') { s.inString = false; s.depth = 0; return i + 1; }
        }
      } else if (b === QUOTE) inString = true;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) { s.depth = 0; s.inString = false; s.escape = false; return i + 1; }
      }
    }
    s.depth = depth;
    s.inString = inString;
    s.escape = escape;
    return -1;
  }

  /** The captured bytes (earlier chunks' and this one's up to `end`) as text; clears the capture. */
  private take(chunk: Uint8Array, start: number, end: number): string {
    if (this.pieces.length === 0) return this.decoder.decode(chunk.subarray(start, end));
    const tail = chunk.subarray(start, end);
    let length = tail.length;
    for (const p of this.pieces) length += p.length;
    const all = new Uint8Array(length);
    let at = 0;
    for (const p of this.pieces) { all.set(p, at); at += p.length; }
    all.set(tail, at);
    this.pieces = [];
    return this.decoder.decode(all);
  }

  private parse(text: string, what: string, offset: number): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw this.error(`${what} is not valid JSON: ${(error as Error).message}`, offset);
    }
  }

  private error(message: string, at: number): JsonSyntaxError {
    return new JsonSyntaxError(message, at);
  }
}
