// Generates custom-elements.json from the JSDoc of the public element classes, or with --check
// exits 1 when the committed file differs from what the sources produce.
//
//   node scripts/manifest.mjs           write custom-elements.json
//   node scripts/manifest.mjs --check   compare without writing
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
import { resolveModuleOrPackageSpecifier } from '@custom-elements-manifest/analyzer/src/utils/index.js';

const OUTPUT = 'custom-elements.json';

/**
 * Returns the modules the manifest describes: each element class (src/components/obs-x/obs-x.ts) and
 * each registration module (src/obs-x.ts). Helpers and internal modules stay out.
 */
export function publicModules() {
  const registrations = readdirSync('src')
    .filter((name) => /^obs-[a-z-]+\.ts$/.test(name))
    .map((name) => `src/${name}`);
  const elements = registrations.map((path) => {
    const tag = path.slice('src/'.length, -'.ts'.length);
    return `src/components/${tag}/${tag}.ts`;
  });
  return [...elements, ...registrations].sort();
}

/**
 * Records `defineElement('obs-x', ObsX)` calls as custom element definitions, as the analyzer
 * does for `customElements.define`, so each class gets its tag name.
 */
function defineElementPlugin() {
  return {
    name: 'observatory-define-element',
    analyzePhase({ node, moduleDoc, context }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
      const [tag, element] = node.arguments;
      if (!tag || !ts.isStringLiteral(tag) || !element || !ts.isIdentifier(element)) return;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        {
          kind: 'custom-element-definition',
          name: tag.text,
          declaration: {
            name: element.text,
            ...resolveModuleOrPackageSpecifier(moduleDoc, context, element.text),
          },
        },
      ];
    },
  };
}

/**
 * Reads the `ObsXEventMap` interfaces of the registration modules: event name to its type,
 * such as `obs-hover` to `CustomEvent<ObsHoverDetail>`.
 */
function readEventTypes(paths) {
  const types = new Map();
  for (const path of paths) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement) || !statement.name.text.endsWith('EventMap')) {
        continue;
      }
      for (const member of statement.members) {
        if (ts.isPropertySignature(member) && member.type && ts.isStringLiteral(member.name)) {
          types.set(member.name.text, member.type.getText(source));
        }
      }
    }
  }
  return types;
}

/**
 * Path in the npm build, which is what a consumer imports, of a module that `from` names as
 * `specifier`. The analyzer writes some references relative to the importing module and some
 * from the project root with a leading slash.
 */
function builtPath(specifier, from = '') {
  const path = specifier.startsWith('.')
    ? posix.join(posix.dirname(from), specifier)
    : specifier.replace(/^\//, '');
  return path.replace(/^src\//, 'dist/npm/').replace(/\.(ts|js)$/, '.js');
}

/**
 * Keeps what a consumer of the package uses: no `#private` members, events named `obs-*`
 * with their types (the analyzer also reports the variable of a dispatch helper as an
 * event), exports of classes and definitions only (the analyzer lists type-only re-exports
 * as JavaScript), and module paths of the npm build.
 */
function tidy(manifest, eventTypes) {
  const declared = new Map(
    manifest.modules.flatMap((module) =>
      (module.declarations ?? []).map(({ name }) => [name, builtPath(module.path)]),
    ),
  );
  for (const module of manifest.modules) {
    const source = module.path;
    module.path = builtPath(source);
    for (const declaration of module.declarations ?? []) {
      if (declaration.members) {
        declaration.members = declaration.members.filter(({ name }) => !name.startsWith('#'));
      }
      if (declaration.events) {
        declaration.events = declaration.events
          .filter((event) => event.name?.startsWith('obs-'))
          .map((event) => {
            const text = eventTypes.get(event.name);
            return text === undefined ? event : { ...event, type: { text } };
          });
      }
    }
    module.exports = (module.exports ?? []).filter(
      (entry) => entry.kind === 'custom-element-definition' || declared.has(entry.name),
    );
    for (const entry of module.exports) {
      const target = entry.declaration;
      // A re-exported import is reported as declared where it is exported; point at its class.
      if (entry.kind === 'js') target.module = declared.get(entry.name);
      else if (target?.module) target.module = builtPath(target.module, source);
    }
  }
  return manifest;
}

/** Returns the manifest text the sources produce. */
export function generateManifest() {
  const paths = publicModules();
  const modules = paths.map((path) =>
    ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true),
  );
  const manifest = create({
    modules,
    plugins: [...litPlugin(), defineElementPlugin()],
    context: { dev: false },
  });
  const registrations = paths.filter((path) => !path.startsWith('src/components/'));
  return `${JSON.stringify(tidy(manifest, readEventTypes(registrations)), null, 2)}\n`;
}

function main() {
  const text = generateManifest();
  if (!process.argv.includes('--check')) {
    writeFileSync(OUTPUT, text);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(OUTPUT, 'utf8');
  } catch {
    // A missing file is stale like any other difference.
  }
  if (committed !== text) {
    console.error(
      `${OUTPUT} is stale: it differs from the JSDoc of the element sources. Run npm run build and commit ${OUTPUT}.`,
    );
    process.exit(1);
  }
  console.log(`${OUTPUT} matches the element sources.`);
}

main();
