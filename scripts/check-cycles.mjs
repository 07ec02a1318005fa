#!/usr/bin/env node
// Import-cycle check for each package's src/: builds the graph of relative imports
// (type-only imports count: they are still a layering knot) and prints every cycle.
// Exit 1 when any package has one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['packages/plextv/src', 'packages/emulator/src', 'packages/cli/src'];

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(m|c)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

// `./x.js` → `./x.ts` (or `./x/index.ts`); anything not relative is outside the graph.
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?(j|t)sx?$/, '');
  const candidates = [`${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, base, join(base, 'index.ts')];
  return candidates.find((path) => existsSync(path) && path.endsWith('ts'));
}

function importGraph(dir) {
  const graph = new Map();
  for (const file of sourceFiles(dir)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set();
    for (const ref of info.importedFiles) {
      const target = resolveSpecifier(file, ref.fileName);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

// Tarjan: strongly connected components with more than one file (or a self-import).
function knots(graph) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const result = [];
  const visit = (node) => {
    indexOf.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indexOf.get(next)));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) result.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return result;
}

// The shortest cycle through `start` inside its component (breadth-first).
function shortestCycle(graph, members, start) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const chain = [node];
        for (let at = previous.get(node); at !== null; at = previous.get(at)) chain.unshift(at);
        return chain;
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}

// Same cycle, whatever file it is read from: rotate to start at the smallest name.
function canonical(chain) {
  const first = chain.indexOf([...chain].sort()[0]);
  return [...chain.slice(first), ...chain.slice(0, first)];
}

let found = 0;
for (const pkg of PACKAGES) {
  const dir = join(root, pkg);
  if (!existsSync(dir)) continue;
  const graph = importGraph(dir);
  const name = (file) => relative(dir, file);
  const components = knots(graph);
  if (components.length === 0) {
    console.log(`${pkg}: no cycles (${graph.size} files)`);
    continue;
  }
  console.log(`${pkg}: ${components.length} import knot(s)`);
  for (const component of components) {
    const members = new Set(component);
    const cycles = new Map();
    for (const start of component) {
      const chain = shortestCycle(graph, members, start);
      if (!chain) continue;
      const ordered = canonical(chain);
      cycles.set(ordered.join('\0'), ordered);
    }
    console.log(`  knot of ${component.length} file(s): ${component.map(name).join(', ')}`);
    for (const chain of cycles.values()) {
      found++;
      console.log(`    ${[...chain, chain[0]].map(name).join(' -> ')}`);
    }
  }
}
if (found > 0) {
  console.log(`${found} cycle(s) found`);
  process.exit(1);
}
