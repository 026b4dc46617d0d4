// One input as `ship validate` hands it to validateFile with default options: Chinese
// messages, the xlsx report with its copy, the built-in rules and read limits.
import type { FileJob } from '../../src/cli/commands/validate-file.js';
import { loadRegistry } from '../../src/cli/load-rules.js';
import { DEFAULT_TEMPLATE } from '../../src/io/output/import-template.js';
import { DEFAULT_READ_LIMITS } from '../../src/io/table.js';

export async function defaultFileJob(input: string, outDir: string, more: Partial<FileJob> = {}): Promise<FileJob> {
  return {
    input,
    registry: await loadRegistry(undefined),
    read: { limits: DEFAULT_READ_LIMITS },
    checks: {},
    lang: 'zh',
    reportFormat: 'xlsx',
    reportCopy: true,
    outDir,
    inputs: [input],
    usedStems: new Set(),
    importFiles: { template: DEFAULT_TEMPLATE, maxRows: undefined },
    ...more,
  };
}
