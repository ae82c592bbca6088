import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WrapperError } from './errors.js';
import type { SeldonComponent, SeldonComponentClass } from './types.js';

let tsxRegistered: Promise<void> | undefined;

/** Registers tsx's ESM hooks once so that `.ts` components (and what they import) load. */
function registerTsx(): Promise<void> {
  tsxRegistered ??= import('tsx/esm/api').then((api) => {
    api.register();
  });
  return tsxRegistered;
}

/**
 * Splits `path/to/model.ts:Export` into module and export name. A Windows drive letter
 * (`C:\...`) is not taken for a separator.
 */
export function parseComponentReference(reference: string): {
  module: string;
  exportName: string | undefined;
} {
  const at = reference.lastIndexOf(':');
  if (at > 1 && !reference.slice(at + 1).includes('/') && !reference.slice(at + 1).includes('\\')) {
    return { module: reference.slice(0, at), exportName: reference.slice(at + 1) || undefined };
  }
  return { module: reference, exportName: undefined };
}

/** Resolves a module path (relative to `cwd`) or URL to an importable URL. */
export function resolveComponentUrl(module: string, cwd: string = process.cwd()): string {
  if (/^(file|data|node):/.test(module)) return module;
  const path = isAbsolute(module) ? module : resolve(cwd, module);
  if (!existsSync(path))
    throw new WrapperError('SC_ERR_WRAPPER_BAD_COMPONENT', `Component module not found: ${path}`);
  return pathToFileURL(path).href;
}

/**
 * Imports a `.js`, `.mjs` or `.ts` module and returns its default export (or `exportName`):
 * a component class, factory or object.
 * @throws WrapperError `SC_ERR_WRAPPER_BAD_COMPONENT`
 */
export async function loadComponentModule(
  module: string,
  exportName?: string,
  cwd?: string,
): Promise<SeldonComponent | SeldonComponentClass> {
  const url = resolveComponentUrl(module, cwd);
  if (/\.(c|m)?tsx?$/.test(new URL(url).pathname)) await registerTsx();
  let ns: Record<string, unknown>;
  try {
    ns = (await import(url)) as Record<string, unknown>;
  } catch (err) {
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_COMPONENT',
      `Cannot load component module ${module}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const name = exportName ?? 'default';
  let value = ns[name];
  // A CommonJS module's exports arrive as `default`.
  if (
    value === undefined &&
    exportName !== undefined &&
    typeof ns.default === 'object' &&
    ns.default !== null
  ) {
    value = (ns.default as Record<string, unknown>)[exportName];
  }
  if (value === undefined || value === null) {
    const available = Object.keys(ns).join(', ') || '(none)';
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_COMPONENT',
      `Component module ${module} has no ${exportName === undefined ? 'default export' : `export ${exportName}`} (exports: ${available})`,
    );
  }
  if (typeof value !== 'function' && typeof value !== 'object') {
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_COMPONENT',
      `Export ${name} of ${module} is a ${typeof value}, not a class or object`,
    );
  }
  return value as SeldonComponent | SeldonComponentClass;
}
