// `node --require ./bench/startup/cpu-at-exit.cjs …`: at exit, write the process's CPU time (user + system,
// in ms, since it started) to file descriptor 3, which the benchmark opens as a pipe. CPU time is what the
// process itself cost, much steadier than wall time on a machine shared with other work.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  try {
    writeSync(3, `${(user + system) / 1000}\n`);
  } catch {}
});
