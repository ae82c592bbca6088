// `seldon-engine validate <file>`: every rule of the SeldonDeployment webhook plus the engine's own
// start-time graph checks and unknown (misspelled) fields, printed for humans; exit code 1 on any.
import {
  parseSeldonDeployments,
  validateSeldonDeployment,
  formatValidationErrors,
  findUnknownFields,
  formatUnknownField,
} from '@seldon-ts/crd-types';
import { validateGraph } from './graph-check.js';

export function validateFile(
  argv: string[],
  readFile: (path: string) => string,
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): number {
  const files = argv.filter((a) => !a.startsWith('-'));
  if (files.length === 0) {
    err('usage: seldon-engine validate <SeldonDeployment.yaml> [more files]\n');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFile(file);
    } catch (e) {
      err(`${file}: cannot read: ${(e as Error).message}\n`);
      failed++;
      continue;
    }
    let docs;
    try {
      docs = parseSeldonDeployments(text);
    } catch (e) {
      err(`${file}: ${(e as Error).message}\n`);
      failed++;
      continue;
    }
    if (docs.length === 0) {
      err(`${file}: no document with kind: SeldonDeployment\n`);
      failed++;
      continue;
    }
    for (const sdep of docs) {
      const name = sdep.metadata?.name ?? '(unnamed)';
      const result = validateSeldonDeployment(sdep);
      const problems: string[] = [];
      if (!result.valid) problems.push(formatValidationErrors(result.errors));
      // The API server would drop these without a word (the webhook, like the reference's, allows them).
      for (const field of findUnknownFields(sdep)) problems.push(`  - ${formatUnknownField(field)}`);
      for (const p of sdep.spec?.predictors ?? []) {
        try {
          validateGraph(p, sdep.spec?.transport ?? 'rest');
        } catch (e) {
          problems.push(`  - predictor ${p.name}: ${(e as Error).message}`);
        }
      }
      if (problems.length) {
        err(`${file}: SeldonDeployment "${name}" is invalid:\n${problems.join('\n')}\n`);
        failed++;
      } else {
        out(
          `${file}: SeldonDeployment "${name}" is valid (${sdep.spec.predictors.length} predictor${sdep.spec.predictors.length === 1 ? '' : 's'})\n`,
        );
      }
    }
  }
  return failed ? 1 : 0;
}
