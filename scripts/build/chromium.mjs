// Debian's Chromium (CHROMIUM to use another) driven by playwright-core, for the scripts that
// open the page: the benchmarks in scripts/bench/ and scripts/build/screenshot.mjs. A module
// imported by those scripts, not run itself. The browser tests launch Chromium with the same
// flags from their own copy (tests/e2e/browser.mjs): tests import nothing from scripts/.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/**
 * Launches the browser.
 * @param {string[]} [extraArgs] more command-line flags (e.g. --js-flags=...)
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}
