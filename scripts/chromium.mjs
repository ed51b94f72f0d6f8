// Finds the Chromium that browser tests, end-to-end tests and benchmarks launch.
// Nothing here downloads a browser: Chromium comes from the system's packages.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Flags for every launch: no background traffic, and no sandbox only when running as root. */
export function chromiumArgs() {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    '--disable-dev-shm-usage',
  ];
  if (isRoot) args.push('--no-sandbox');
  return args;
}

function found() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file exists there.`);
    }
    return fromEnv;
  }
  return CANDIDATES.find((path) => existsSync(path));
}

function canInstallWithApt() {
  return isRoot && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
}

/**
 * Returns the path of a Chromium executable. On a Debian or Ubuntu machine
 * where this runs as root and none is found, installs Debian's chromium package.
 */
export function findChromium() {
  const path = found();
  if (path) return path;
  if (!canInstallWithApt()) {
    throw new Error(
      'Chromium was not found. Install the chromium package (Debian: apt-get install chromium) ' +
        'or set CHROME_PATH to a Chrome or Chromium executable.',
    );
  }
  console.log(
    'Chromium was not found; installing the Debian packages chromium and chromium-driver with apt-get.',
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'chromium-driver'], {
    stdio: 'inherit',
    env,
  });
  const installed = found();
  if (!installed) throw new Error('apt-get finished, but no chromium executable appeared.');
  return installed;
}
