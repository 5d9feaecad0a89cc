// infra/*.bicep parsed by a real Bicep grammar (npm tree-sitter-bicep in web-tree-sitter): no Bicep compiler can be
// installed here, so this is the syntax check before the pipeline's `az deployment group what-if`.
// main.bicepparam is left to the .NET ParameterFileTests: the grammar has no bicepparam `param name = value`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, Language } from 'web-tree-sitter';

const infra = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../infra');
const files = ['main.bicep', 'blob-trigger.bicep', ...readdirSync(path.join(infra, 'modules')).filter((f) => f.endsWith('.bicep')).map((f) => `modules/${f}`)];

await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(createRequire(import.meta.url).resolve('tree-sitter-bicep/tree-sitter-bicep.wasm')));

/** Every ERROR and MISSING node, as "line:column what". */
function syntaxErrors(source) {
  const errors = [];
  const visit = (node) => {
    if (node.isError || node.isMissing) {
      const at = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
      errors.push(`${at} ${node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 60))}`}`);
    } else if (node.hasError) {
      node.children.forEach(visit);
    }
  };
  const tree = parser.parse(source);
  visit(tree.rootNode);
  return { errors, root: tree.rootNode };
}

test('the grammar reports broken Bicep, so a clean parse means something', () => {
  assert.notDeepEqual(syntaxErrors("param name string =\nresource r 'Microsoft.Web/sites@2024-04-01' = {\n  name: \n").errors, []);
  assert.notDeepEqual(syntaxErrors("var origin = '${parts[0]}//${parts[2]}'\noutput o string = origin\n").errors, [],
    'a string part starting with // reads as a comment in this grammar; main.bicep avoids the form');
  assert.deepEqual(syntaxErrors("@description('x')\nparam name string = 'a'\noutput n string = name\n").errors, []);
});

for (const file of files) {
  test(`infra/${file} parses without a syntax error`, () => {
    const { errors, root } = syntaxErrors(readFileSync(path.join(infra, file), 'utf8'));
    assert.deepEqual(errors, []);
    const declarations = root.namedChildren.map((n) => n.type);
    assert.ok(declarations.includes('resource_declaration') || declarations.includes('module_declaration'), `${file}: ${declarations}`);
  });
}

test('main.bicep uses every module file and names only files that exist', () => {
  const { root } = syntaxErrors(readFileSync(path.join(infra, 'main.bicep'), 'utf8'));
  const used = root.namedChildren.filter((n) => n.type === 'module_declaration')
    .map((n) => n.namedChildren.find((c) => c.type === 'string').text.slice(1, -1).replace(/^\.\//, ''));
  assert.deepEqual([...new Set(used)].sort(), files.filter((f) => f.startsWith('modules/')).sort());
});
