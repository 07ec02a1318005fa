#!/usr/bin/env node
// Typechecks every ```ts block of every README: the blocks of one section (a ## or ### heading) form one
// program, with the placeholders a reader fills in (storedId, password, …) declared in the README itself, in a
// `<!-- ts-declare … -->` comment between the previous block and this one. Run after the build (imports resolve to dist types).
//   node scripts/check-readme-snippets.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const READMES = [
  'README.md',
  'packages/plextv/README.md',
  'packages/emulator/README.md',
  'packages/cli/README.md',
];
const out = join(root, 'test-output', 'readme-snippets');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const programs = [];
for (const readme of READMES) {
  let text;
  try {
    text = readFileSync(join(root, readme), 'utf8');
  } catch {
    continue;
  }
  let section = 'top';
  let declares = [];
  const blocks = new Map();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^#{2,3} (.+)/.exec(line);
    if (heading) section = heading[1].trim();
    const declare = /^<!-- ts-declare([\s\S]*?)-->/.exec(lines.slice(i).join('\n'));
    if (line.startsWith('<!-- ts-declare') && declare) declares = declares.concat(declare[1].trim());
    if (line.trim() === '```ts') {
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end].trim() !== '```') end++;
      const key = section;
      if (!blocks.has(key)) blocks.set(key, { line: start + 1, code: [], declares: [] });
      blocks.get(key).declares.push(...declares);
      blocks.get(key).code.push(lines.slice(start, end).join('\n'));
      declares = [];
      i = end;
    }
  }
  for (const [name, block] of blocks) {
    const file = join(out, `${readme.replace(/[/.]/g, '_')}__${name.replace(/[^a-z0-9]+/gi, '-')}.ts`);
    // Imports first (a program may import in several blocks), then the placeholders, then the code.
    const all = block.code.join('\n\n');
    const imports = all.match(/^import[\s\S]*?from '[^']+';$/gm) ?? [];
    const body = imports.reduce((s, imp) => s.replace(imp, ''), all);
    const source = [
      `// ${readme} § ${name} (line ${block.line})`,
      ...imports,
      'export {};',
      ...block.declares,
      body,
    ].join('\n');
    writeFileSync(file, source);
    programs.push({ file, readme, name, line: block.line });
  }
}

writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      lib: ['ES2022', 'DOM'],
      types: ['node'],
    },
    include: ['*.ts'],
  }),
);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(out, 'tsconfig.json')], { encoding: 'utf8' });
const report = (result.stdout + result.stderr).trim();
if (result.status !== 0) {
  console.error(report.replaceAll(`${relative(root, out)}/`, ''));
  console.error(`\nREADME snippets: type errors (the generated programs are in ${relative(root, out)}/)`);
  process.exit(1);
}
console.log(
  `README snippets: ${programs.length} programs from ${new Set(programs.map((p) => p.readme)).size} READMEs typecheck`,
);
