/**
 * The workerd worker: its fetch handler runs the scenario inside a request and answers with the report
 * (200 when every check passed, 500 otherwise). Its test handler (`workerd test`) calls that fetch handler
 * through a service binding to itself, prints the report and fails the test on a failed check.
 */
import { runScenario } from './scenario.mjs';

export default {
  async fetch() {
    const result = await runScenario();
    return new Response(`${result.lines.join('\n')}\n`, {
      status: result.failed === 0 && result.passed > 0 ? 200 : 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  },
  async test(_controller, env) {
    const res = await env.SELF.fetch('http://worker/run');
    const text = await res.text();
    console.log(text.trimEnd());
    if (!res.ok) throw new Error(`scenario failed (HTTP ${res.status})`);
  },
};
