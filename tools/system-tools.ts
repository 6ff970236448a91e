/**
 * The programs the tests need from the system, not from npm: Debian's Chromium (Playwright
 * cannot download a browser here) and redis-server (the oracle the engine is checked
 * against). Installed with apt-get when we are root on Debian; otherwise we say exactly what
 * to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export type SystemTools = { ok: true; chromium: string } | { ok: false; message: string };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function ensureSystemTools(): SystemTools {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const missing: string[] = [];
  if (!executable(chromium)) missing.push('chromium');
  if (!onPath('redis-server')) missing.push('redis-server');
  if (missing.length === 0) return { ok: true, chromium };

  const isRoot = process.getuid?.() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log(`\n=== apt-get install ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
    if (executable(chromium) && onPath('redis-server')) return { ok: true, chromium };
  }
  return {
    ok: false,
    message:
      `The tests need ${missing.join(' and ')} from your system. On Debian or Ubuntu run:\n` +
      `  sudo apt-get install ${missing.join(' ')}\n` +
      (missing.includes('chromium')
        ? 'Or point CHROMIUM_PATH at an installed Chromium or Chrome binary.\n'
        : ''),
  };
}
