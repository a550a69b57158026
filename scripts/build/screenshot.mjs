// Takes the README's screenshot (docs/screenshot.png): the page after analysing the example
// seed article, in Debian's Chromium. Run `bash scripts/build/build.sh` first.
//   node scripts/build/screenshot.mjs
import { readFileSync } from 'node:fs';
import { startServer } from './serve.mjs';
import { launchChromium } from './chromium.mjs';

const root = new URL('../../', import.meta.url);
const server = await startServer({ port: 0 });
const browser = await launchChromium();
try {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.engine);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('textbox', { name: 'Article text' }).fill(readFileSync(new URL('tests/fixtures/seeds/004_4a37522199f6be1e.txt', root), 'utf8'));
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.locator('#annotated .block').first().waitFor();
  await page.screenshot({ path: new URL('docs/screenshot.png', root).pathname });
} finally {
  await browser.close();
  await server.close();
}
