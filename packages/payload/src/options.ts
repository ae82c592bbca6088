/**
 * Limits applied by every decoder. All are bounds on hostile input; the defaults admit any
 * realistic Seldon payload.
 */
export interface DecodeOptions {
  /**
   * Maximum size of the encoded input in bytes (UTF-8 bytes for JSON text or Uint8Array input,
   * UTF-16 code units for JS strings). Default `104_857_600` (100 MiB).
   */
  maxMessageBytes?: number;
  /** Maximum nesting depth of JSON objects/arrays (ndarray, jsonData, tags...). Default `100`. */
  maxDepth?: number;
  /**
   * Maximum number of array elements in one message, counted over every array (tensor values,
   * ndarray leaves and lists, names...), and the largest element count a shape may imply when
   * an array is materialised (e.g. a tftensor broadcasting one value). Default `67_108_864` (64 Mi).
   */
  maxElements?: number;
  /**
   * Reject fields the message does not define (proto3-JSON parsers do, and the executor parses
   * router responses strictly). Default `true`.
   */
  rejectUnknownFields?: boolean;
}

/** The defaults of {@link DecodeOptions}. */
export const defaultDecodeOptions: Readonly<Required<DecodeOptions>> = Object.freeze({
  maxMessageBytes: 104_857_600,
  maxDepth: 100,
  maxElements: 67_108_864,
  rejectUnknownFields: true,
});

/** @internal */
export function resolveDecodeOptions(opts: DecodeOptions | undefined): Required<DecodeOptions> {
  if (!opts) return defaultDecodeOptions;
  return {
    maxMessageBytes: opts.maxMessageBytes ?? defaultDecodeOptions.maxMessageBytes,
    maxDepth: opts.maxDepth ?? defaultDecodeOptions.maxDepth,
    maxElements: opts.maxElements ?? defaultDecodeOptions.maxElements,
    rejectUnknownFields: opts.rejectUnknownFields ?? defaultDecodeOptions.rejectUnknownFields,
  };
}
