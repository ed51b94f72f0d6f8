// Shortens the private property names of @lit-labs/virtualizer in the script-tag bundles.
// The package ships unminified, and terser mangles only the property names it is given.

const VIRTUALIZER = /[\\/]node_modules[\\/]@lit-labs[\\/]virtualizer[\\/]/;
/** A `_`-prefixed name, which the virtualizer uses for its private members. */
const PRIVATE_NAME = /(?<![\w$])_[A-Za-z]\w*/g;

function privateNames(code) {
  return new Set(code.match(PRIVATE_NAME) ?? []);
}

/**
 * Returns the `_`-prefixed names that occur in the virtualizer's modules of `chunk` and in no
 * other module, as a sorted array. A name that also occurs elsewhere, in code, a string or a
 * comment, may belong to another package or to the page, so it keeps its spelling.
 */
export function virtualizerOnlyNames(chunk) {
  const own = new Set();
  const elsewhere = new Set();
  for (const [id, module] of Object.entries(chunk.modules)) {
    const names = privateNames(module.code ?? '');
    const target = VIRTUALIZER.test(id) ? own : elsewhere;
    for (const name of names) target.add(name);
  }
  return [...own].filter((name) => !elsewhere.has(name)).sort();
}

/**
 * Returns terser's `mangle.properties` options and a rollup plugin that fills them in for each
 * chunk; until then they match no name. Pass the options to @rollup/plugin-terser and list the
 * plugin before it. @rollup/plugin-terser 1.0.2 reads its options when it renders a chunk,
 * after this plugin's renderChunk has set the names. A version that copied them earlier would
 * mangle nothing, which costs size, not correctness.
 */
export function mangleVirtualizerNames() {
  const properties = { regex: /^$/ };
  const plugin = {
    name: 'mangle-virtualizer-names',
    renderChunk(_code, chunk) {
      const names = virtualizerOnlyNames(chunk);
      properties.regex = names.length === 0 ? /^$/ : new RegExp(`^(?:${names.join('|')})$`);
      return null;
    },
  };
  return { properties, plugin };
}
