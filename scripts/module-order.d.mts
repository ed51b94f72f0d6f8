// Types of module-order.mjs for the TypeScript tests.
import type { Program } from 'estree';
import type { Plugin } from 'rollup';

export function clusteredModules(root?: string): string[];
export function orderProblem(program: Program): string | null;
export function clusterModules(root?: string): Plugin;
