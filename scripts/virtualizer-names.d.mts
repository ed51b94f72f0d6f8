// Types of virtualizer-names.mjs for the TypeScript tests.
import type { Plugin, RenderedChunk } from 'rollup';

export function virtualizerOnlyNames(chunk: Pick<RenderedChunk, 'modules'>): string[];
export function mangleVirtualizerNames(): { properties: { regex: RegExp }; plugin: Plugin };
