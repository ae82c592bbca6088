// The pod annotations (Downward-API file) and the settings they carry.
import type { EngineOptions } from './types.js';
import { parseIntStrict } from './values.js';

export const DEFAULT_ANNOTATIONS_PATH = '/etc/podinfo/annotations';

/** Parses the Downward-API annotations file: lines `key="value"`, split at the first `=`. */
export function parseAnnotations(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    let value = trimmed.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        value = value.slice(1, -1);
      }
    }
    out[trimmed.slice(0, eq).trim()] = value;
  }
  return out;
}

/** The annotations of the file at `path`; none when it cannot be read. */
export function readAnnotations(path: string, readFile: (p: string) => string): Record<string, string> {
  try {
    return parseAnnotations(readFile(path));
  } catch {
    // No annotations file outside Kubernetes is the normal case.
    return {};
  }
}

/** The node-call timeouts and gRPC message limit set by annotation, only those present. */
export function annotationOptions(
  annotations: Record<string, string>,
): Pick<EngineOptions, 'restTimeoutMs' | 'grpcTimeoutMs' | 'grpcMaxMessageBytes'> {
  const options: Pick<EngineOptions, 'restTimeoutMs' | 'grpcTimeoutMs' | 'grpcMaxMessageBytes'> = {};
  const restTimeout = annotations['seldon.io/rest-timeout'];
  if (restTimeout !== undefined)
    options.restTimeoutMs = parseIntStrict(restTimeout, 'annotation seldon.io/rest-timeout (ms)');
  const grpcTimeout = annotations['seldon.io/grpc-timeout'];
  if (grpcTimeout !== undefined)
    options.grpcTimeoutMs = parseIntStrict(grpcTimeout, 'annotation seldon.io/grpc-timeout (ms)');
  const grpcMax = annotations['seldon.io/grpc-max-message-size'];
  if (grpcMax !== undefined)
    options.grpcMaxMessageBytes = parseIntStrict(
      grpcMax,
      'annotation seldon.io/grpc-max-message-size (bytes)',
      1,
    );
  return options;
}
