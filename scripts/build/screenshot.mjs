// Takes the README's screenshot (docs/screenshot.png): the page after analysing the example
// seed article. Run `bash scripts/build.sh` first.
import { readFileSync } from 'node:fs';
import { launch, openPage } from '../tests/e2e/browser.mjs';

const root = new URL('../', import.meta.url);
const env = await launch();
try {
  const { page } = await openPage(env);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('textbox', { name: 'Article text' }).fill(readFileSync(new URL('tests/fixtures/seeds/004_4a37522199f6be1e.txt', root), 'utf8'));
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.locator('#annotated .block').first().waitFor();
  await page.screenshot({ path: new URL('docs/screenshot.png', root).pathname });
} finally {
  await env.close();
}
