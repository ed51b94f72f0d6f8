// Types of minify-templates.mjs for the TypeScript tests.
import type { Plugin } from 'rollup';

export function minifyHtmlParts(parts: string[]): string[];
export function minifyCssParts(parts: string[]): string[];
export function minifyTemplates(
  code: string,
  id: string,
): { code: string; map: { mappings: string } } | null;
export function minifyLitTemplates(): Plugin;
