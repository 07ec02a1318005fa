/**
 * Command-line entry for Node, Bun and Deno: run the scenario, print each check and the
 * `N passed, N failed` line, exit non-zero on a failure.
 */
import { runScenario } from './scenario.mjs';

const result = await runScenario({ log: (line) => console.log(line) });
const code = result.failed === 0 && result.passed > 0 ? 0 : 1;
if (globalThis.Deno) globalThis.Deno.exit(code);
else globalThis.process.exit(code);
