import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error: a plain JavaScript module without type declarations.
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NAB_FOLDER = fileURLToPath(
  new URL('../../../shared/datasets/nab/realAWSCloudwatch/', import.meta.url),
);

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built observatory-server on a free port and resolves with its demo URL. */
export function startServer(args: string[]): Promise<RunningServer> {
  const child = spawn(process.execPath, ['dist/observatory-server.js', '--port', '0', ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not print its URL within 15 s; stderr: ${stderr}`));
    }, 15_000);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = /(http:\/\/[^\s]+\/)/.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}; stderr: ${stderr}`));
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs(),
  });
}

/** Collects page errors and console errors so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Rows of a NAB-style CSV file (header `timestamp,value`), skipping blank lines. */
export function readCsv(path: string): { timestamp: string; value: number }[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(1);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [timestamp, value] = line.split(',');
      return { timestamp, value: Number(value) };
    });
}

/**
 * Counts the pixels of every canvas in an element's shadow root that differ
 * from that canvas's most common colour, which is taken as its background.
 */
export async function countInkPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => {
    const canvases = [...(element.shadowRoot?.querySelectorAll('canvas') ?? [])];
    let ink = 0;
    for (const canvas of canvases) {
      if (canvas.width === 0 || canvas.height === 0) continue;
      const context = canvas.getContext('2d');
      if (context === null) continue;
      const pixels = new Uint32Array(
        context.getImageData(0, 0, canvas.width, canvas.height).data.buffer,
      );
      const counts = new Map<number, number>();
      for (const pixel of pixels) counts.set(pixel, (counts.get(pixel) ?? 0) + 1);
      let background = 0;
      for (const count of counts.values()) background = Math.max(background, count);
      ink += pixels.length - background;
    }
    return ink;
  });
}
