// What `ship validate --format json|junit|github` prints when the run stops before any
// file was checked (a usage error, a bad config or rules file, an internal error): a
// document of the asked-for kind that says the run failed. A JUnit reader given an empty
// file may count "no tests" as a pass, and a GitHub job with no annotation shows a red
// step with nothing to click; the same message is on stderr as well.

import type { Lang } from '../core/messages.js';
import type { MachineFormat } from './options.js';
import type { RunReport } from './report-schema.js';
import { out } from './std-streams.js';

const RUN: Record<Lang, string> = { zh: '运行 ship validate', en: 'run ship validate' };

export async function printFailedRun(format: MachineFormat, message: string, lang: Lang): Promise<void> {
  switch (format) {
    case 'json': {
      const run: RunReport = { schemaVersion: 1, ok: false, files: [], error: message };
      out.stdout(`${JSON.stringify(run, null, 2)}\n`);
      return;
    }
    case 'junit': {
      // Loaded here: the renderers are not needed on the paths that succeed at starting.
      const { errorSuite, junitDocument } = await import('./render/junit.js');
      out.stdout([...junitDocument([errorSuite('ship', RUN[lang], message, 'run-failed')])].join(''));
      return;
    }
    case 'github': {
      const { formatAnnotation } = await import('./render/github.js');
      out.stdout(`${formatAnnotation({ kind: 'error', properties: { title: 'ship' }, message })}\n`);
      return;
    }
  }
}
