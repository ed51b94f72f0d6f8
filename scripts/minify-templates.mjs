// Minifies the static text of Lit's html``, svg`` and css`` templates at build time. The
// rules keep what a browser renders: HTML text keeps one space wherever it had whitespace,
// attribute values and the content of <pre>, <textarea>, <script> and <style> stay as written.
import MagicString from 'magic-string';
import ts from 'typescript';

/** Elements whose text content the HTML rules leave as written. */
const RAW_TEXT_ELEMENTS = new Set(['pre', 'textarea', 'script', 'style']);
const WHITESPACE = /\s/;

/**
 * Returns the index after the whitespace run of `text` that starts at `index`.
 */
function skipWhitespace(text, index) {
  let end = index;
  while (end < text.length && WHITESPACE.test(text[end])) end++;
  return end;
}

/**
 * Minifies the static parts of one html`` or svg`` template, the strings between its `${}`
 * expressions, and returns the new parts. A whitespace run in text becomes one space; inside a
 * tag it becomes one space, or nothing before `>`. The parser state carries across the
 * expressions, so an expression inside a tag or an attribute value is handled as such.
 * NOTE: text inside an element styled `white-space: pre` loses its repeated whitespace too;
 * no template of the elements puts static whitespace there.
 */
export function minifyHtmlParts(parts) {
  const state = { mode: 'text', tag: '', rawTag: '' };
  return parts.map((part) => minifyHtmlPart(part, state));
}

function minifyHtmlPart(text, state) {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (state.mode === 'raw') {
      const close = text.toLowerCase().indexOf(`</${state.rawTag}`, index);
      const end = close === -1 ? text.length : close;
      out += text.slice(index, end);
      index = end;
      if (close !== -1) state.mode = 'text';
      continue;
    }
    if (state.mode === 'comment') {
      const close = text.indexOf('-->', index);
      const end = close === -1 ? text.length : close + 3;
      out += text.slice(index, end);
      index = end;
      if (close !== -1) state.mode = 'text';
      continue;
    }
    if (state.mode === 'double' || state.mode === 'single') {
      const quote = state.mode === 'double' ? '"' : "'";
      const close = text.indexOf(quote, index);
      const end = close === -1 ? text.length : close + 1;
      out += text.slice(index, end);
      index = end;
      if (close !== -1) state.mode = 'tag';
      continue;
    }
    if (WHITESPACE.test(char)) {
      const end = skipWhitespace(text, index);
      // Inside a tag, whitespace before `>` separates nothing.
      if (!(state.mode === 'tag' && text[end] === '>')) out += ' ';
      index = end;
      continue;
    }
    if (state.mode === 'text') {
      if (text.startsWith('<!--', index)) {
        state.mode = 'comment';
        out += '<!--';
        index += 4;
        continue;
      }
      const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(text.slice(index, index + 64));
      if (tag !== null) {
        state.mode = 'tag';
        state.tag = tag[1] === '' ? tag[2].toLowerCase() : '';
        out += tag[0];
        index += tag[0].length;
        continue;
      }
    } else if (char === '"' || char === "'") {
      state.mode = char === '"' ? 'double' : 'single';
    } else if (char === '>') {
      state.mode = RAW_TEXT_ELEMENTS.has(state.tag) ? 'raw' : 'text';
      state.rawTag = state.tag;
    }
    out += char;
    index++;
  }
  return out;
}

/** Characters around which CSS needs no whitespace. */
const CSS_PUNCTUATION = new Set(['{', '}', ';', ',', '>']);

/**
 * Minifies the static parts of one css`` template and returns the new parts: comments go,
 * whitespace runs become one space, and none is kept next to `{ } ; , >`, after a `:` or
 * before `}`'s semicolon. Whitespace before a `:` stays, as it separates `a :hover` from
 * `a:hover`. Strings and whitespace next to an expression stay.
 */
export function minifyCssParts(parts) {
  const minified = parts.map((part) => minifyCssPart(part));
  minified[0] = minified[0].trimStart();
  minified[minified.length - 1] = minified[minified.length - 1].trimEnd();
  return minified;
}

function minifyCssPart(text) {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '/' && text[index + 1] === '*') {
      const close = text.indexOf('*/', index + 2);
      index = close === -1 ? text.length : close + 2;
      continue;
    }
    if (char === '"' || char === "'") {
      let end = index + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      out += text.slice(index, end + 1);
      index = end + 1;
      continue;
    }
    if (WHITESPACE.test(char)) {
      const end = skipWhitespace(text, index);
      const before = out[out.length - 1];
      const after = text[end];
      const needless =
        before === ' ' ||
        before === ':' ||
        CSS_PUNCTUATION.has(before) ||
        CSS_PUNCTUATION.has(after);
      // At the start or end of a part the space may separate a word from an expression.
      if (before === undefined || after === undefined || !needless) out += ' ';
      index = end;
      continue;
    }
    if (char === '}' && out.endsWith(';')) out = out.slice(0, -1);
    out += char;
    index++;
  }
  return out;
}

/**
 * Returns the local names under which a source file imports `html`, `svg` and `css` from
 * lit, lit-html or lit-element, and the kind of template each one tags.
 */
function litTags(source) {
  const tags = new Map();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const from = statement.moduleSpecifier.text;
    if (!/^(lit|lit-html|lit-element)(\/.*)?$/.test(from)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (imported === 'html' || imported === 'svg') tags.set(element.name.text, 'html');
      if (imported === 'css') tags.set(element.name.text, 'css');
    }
  }
  return tags;
}

/** Returns the start and end offsets of each static part of a template literal. */
function templateParts(template, source) {
  if (ts.isNoSubstitutionTemplateLiteral(template)) {
    return [[template.getStart(source) + 1, template.end - 1]];
  }
  const parts = [[template.head.getStart(source) + 1, template.head.end - 2]];
  for (const span of template.templateSpans) {
    const literal = span.literal;
    const closing = ts.isTemplateTail(literal) ? 1 : 2;
    parts.push([literal.getStart(source) + 1, literal.end - closing]);
  }
  return parts;
}

/**
 * Minifies the templates of one TypeScript module. Returns null when it has none, otherwise
 * the new code and its source map.
 */
export function minifyTemplates(code, id) {
  if (!/html`|svg`|css`/.test(code)) return null;
  const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
  const tags = litTags(source);
  if (tags.size === 0) return null;
  const output = new MagicString(code);
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const kind = tags.get(node.tag.text);
      if (kind !== undefined) {
        const offsets = templateParts(node.template, source);
        const parts = offsets.map(([start, end]) => code.slice(start, end));
        const minified = kind === 'css' ? minifyCssParts(parts) : minifyHtmlParts(parts);
        offsets.forEach(([start, end], index) => {
          if (minified[index] === parts[index]) return;
          if (minified[index] === '') output.remove(start, end);
          else output.overwrite(start, end, minified[index]);
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!output.hasChanged()) return null;
  return { code: output.toString(), map: output.generateMap({ hires: true }) };
}

/** Returns a rollup plugin that minifies the Lit templates of the TypeScript sources. */
export function minifyLitTemplates() {
  return {
    name: 'minify-lit-templates',
    transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('/node_modules/')) return null;
      return minifyTemplates(code, id);
    },
  };
}
