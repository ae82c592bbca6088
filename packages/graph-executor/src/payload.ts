import { encodeJsonValue } from '@seldon-ts/payload/json';
import { GraphError } from './errors.js';

/** Content type of JSON payloads. */
export const JSON_CONTENT_TYPE = 'application/json';
/** Content type this package uses for protobuf-encoded payloads (as the reference's payload logger does). */
export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

/** How a payload is currently held. */
export type PayloadFormat = 'json' | 'protobuf' | 'object' | 'other';

/**
 * A payload travelling through the graph: raw bytes plus their content type, or an already decoded
 * object (proto3-JSON shape of a SeldonMessage / Feedback), converted lazily and at most once in each
 * direction. Bytes are forwarded untouched when nothing needs to look inside, as the reference does.
 *
 * Protobuf payloads hold the message the method implies: SeldonMessage for predictions, Feedback for
 * feedback, SeldonModelMetadata for metadata.
 */
export class GraphPayload {
  #bytes: Uint8Array | undefined;
  #object: unknown;
  #hasObject: boolean;
  /** The `Content-Type` of {@link bytes} (for object payloads: `application/json`). */
  readonly contentType: string;
  /** `Content-Encoding` of the bytes (e.g. `gzip`), forwarded with them; undefined when identity. */
  readonly contentEncoding: string | undefined;

  private constructor(
    bytes: Uint8Array | undefined,
    object: unknown,
    hasObject: boolean,
    contentType: string,
    contentEncoding: string | undefined,
  ) {
    this.#bytes = bytes;
    this.#object = object;
    this.#hasObject = hasObject;
    this.contentType = contentType;
    this.contentEncoding = contentEncoding;
  }

  /** Wraps raw bytes (not copied). `contentType` defaults to `application/json`. */
  static fromBytes(
    bytes: Uint8Array,
    contentType: string = JSON_CONTENT_TYPE,
    contentEncoding?: string,
  ): GraphPayload {
    return new GraphPayload(bytes, undefined, false, contentType, contentEncoding || undefined);
  }

  /** Wraps a JSON string. */
  static fromJsonText(text: string): GraphPayload {
    return new GraphPayload(textEncoder.encode(text), undefined, false, JSON_CONTENT_TYPE, undefined);
  }

  /**
   * Wraps a decoded object in the proto3-JSON shape (what `JSON.parse` of a Seldon JSON body gives).
   * It is serialised with `JSON.stringify` only if bytes are needed.
   */
  static fromObject(value: unknown): GraphPayload {
    return new GraphPayload(undefined, value, true, JSON_CONTENT_TYPE, undefined);
  }

  /** Wraps protobuf bytes of the message the method implies. */
  static fromProtobuf(bytes: Uint8Array): GraphPayload {
    return new GraphPayload(bytes, undefined, false, PROTOBUF_CONTENT_TYPE, undefined);
  }

  /** How the payload is held right now (an object payload reports `object` until encoded). */
  get format(): PayloadFormat {
    if (this.#bytes === undefined) return 'object';
    if (isProtobufContentType(this.contentType)) return 'protobuf';
    if (isJsonContentType(this.contentType)) return 'json';
    return 'other';
  }

  /** True when bytes are protobuf. */
  get isProtobuf(): boolean {
    return isProtobufContentType(this.contentType);
  }

  /** True when the payload is JSON (as bytes or as a decoded object). */
  get isJson(): boolean {
    return this.#bytes === undefined || isJsonContentType(this.contentType);
  }

  /** True when a decoded object is available without work. */
  get hasObject(): boolean {
    return this.#hasObject;
  }

  /**
   * The raw bytes; object payloads are serialised (once) as `JSON.stringify` does, except that a
   * message holding doubles keeps their ".0" (`encodeJsonValue` of @seldon-ts/payload).
   */
  bytes(): Uint8Array {
    if (this.#bytes === undefined) this.#bytes = textEncoder.encode(encodeJsonValue(this.#object));
    return this.#bytes;
  }

  /** Number of bytes (serialises object payloads). */
  get byteLength(): number {
    return this.bytes().byteLength;
  }

  /** The bytes as UTF-8 text. */
  text(): string {
    return textDecoder.decode(this.bytes());
  }

  /**
   * The decoded JSON value (parsed once; for `application/x-www-form-urlencoded` bodies, the `json`
   * field). Throws `SC_ERR_GRAPH_BAD_PAYLOAD` for bytes that are not JSON, protobuf payloads and
   * compressed payloads (decode those through the executor's codec).
   */
  object(): unknown {
    if (this.#hasObject) return this.#object;
    if (this.isProtobuf) {
      throw new GraphError(
        'SC_ERR_GRAPH_BAD_PAYLOAD',
        'protobuf payload cannot be read as JSON without a message codec',
      );
    }
    if (this.contentEncoding !== undefined && this.contentEncoding !== 'identity') {
      throw new GraphError(
        'SC_ERR_GRAPH_BAD_PAYLOAD',
        `payload with Content-Encoding ${this.contentEncoding} cannot be read as JSON`,
      );
    }
    try {
      let text = textDecoder.decode(this.#bytes);
      // Seldon clients may post a form with the message in its `json` field (the wrapper accepts it).
      if (isFormContentType(this.contentType)) {
        const field = new URLSearchParams(text).get('json');
        if (field === null) throw new Error('form body has no json field');
        text = field;
      }
      this.#object = JSON.parse(text);
    } catch (err) {
      throw new GraphError(
        'SC_ERR_GRAPH_BAD_PAYLOAD',
        `payload is not valid JSON: ${(err as Error).message}`,
        { cause: err },
      );
    }
    this.#hasObject = true;
    return this.#object;
  }
}

function isFormContentType(contentType: string): boolean {
  return contentType.split(';', 1)[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** True for `application/json`, `*+json` and JSON with parameters. */
export function isJsonContentType(contentType: string): boolean {
  if (contentType === JSON_CONTENT_TYPE) return true; // the common case, without allocating
  const base = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json') || base === '';
}

/** True for the protobuf content types in use (`application/protobuf`, `application/x-protobuf`, `application/grpc`). */
export function isProtobufContentType(contentType: string): boolean {
  if (contentType === JSON_CONTENT_TYPE) return false; // the common case, without allocating
  if (contentType === PROTOBUF_CONTENT_TYPE) return true;
  const base = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return (
    base === 'application/protobuf' ||
    base === 'application/x-protobuf' ||
    base.startsWith('application/grpc')
  );
}
