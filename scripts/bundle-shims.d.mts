// Types of bundle-shims.mjs for the TypeScript tests.
import type { Plugin } from 'rollup';

export const SHIMMED_PACKAGES: string[];
export const SELECTION_METHODS: string[];
export const ZOOM_METHODS: string[];
export function bundleShims(root?: string): Plugin;
export function trimSelectionPrototype(code: string): string;
export function trimZoomMethods(code: string): string;
export function markCurveFactoriesPure(code: string): string;
export function trimD3(): Plugin;
