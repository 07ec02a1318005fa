// An empty ES module: importing it costs what Node's ES module loader costs to start (bench/import/run.mjs).
