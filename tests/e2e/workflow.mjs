// Helpers shared by the workflow tests (blocks, entities, undo, workspace, import/export,
// XSS): a ready page, an analysed article, the export as JSON, DOM selections by offset.
import { readFileSync } from 'node:fs';
import { openPage } from './browser.mjs';

/** A short article: a title, a byline, a date, two body paragraphs, then boilerplate. */
export const ARTICLE = [
  'Leaders Meet In Geneva',
  '',
  'By Jane Roe',
  'Monday, 5 July 2021',
  '',
  'Sergey Lavrov met Antony Blinken in Geneva on Monday, officials said. The talks were long and detailed, and covered many topics of interest to both sides.',
  '',
  'Lavrov said the meeting in Geneva was useful. Blinken agreed that Geneva was a good place for such talks between the two ministers and their staff.',
  '',
  'Related items',
  '',
  'Subscribe to our newsletter',
  '',
  'Copyright 2021 Example News',
].join('\n');

/**
 * Opens the page and waits until the workspace is restored.
 * @param {object} env from launch()
 * @param {{init?: () => void, initArg?: unknown}} [options] a script to run before the page's own
 * @returns {Promise<{page: import('playwright-core').Page, problems: string[]}>}
 */
export async function openWorkspace(env, { init } = {}) {
  if (!init) {
    const r = await openPage(env);
    await waitReady(r.page);
    return r;
  }
  // An init script must be in place before the first navigation: open a blank page first.
  const context = await env.browser.newContext({ acceptDownloads: true });
  await context.addInitScript(init);
  const r = await openPage({ ...env, browser: { newContext: async () => context } });
  await waitReady(r.page);
  return r;
}

/**
 * Waits until the page has restored its workspace.
 * @param {import('playwright-core').Page} page
 */
export async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.engine && document.documentElement.dataset.workspace === 'ready');
}

/**
 * Pastes a text, presses Analyze and waits for the result.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function analyzeText(page, text) {
  const before = await page.locator('#docs > li').count();
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.locator('#docs > li').nth(before).waitFor();
  await page.locator('#status').filter({ hasText: /blocks/ }).waitFor();
}

/**
 * Downloads through a button and returns the file's name and text.
 * @param {import('playwright-core').Page} page
 * @param {() => Promise<void>} click
 * @returns {Promise<{name: string, text: string}>}
 */
export async function downloadVia(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

/**
 * The open document as exported (clipmark/v1, code-point offsets).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<object>}
 */
export async function exportJson(page) {
  const { text } = await downloadVia(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
  return JSON.parse(text);
}

/**
 * Selects text[start, end) (UTF-16 offsets into the document) in the article, as a user's
 * drag would, through the DOM selection.
 * @param {import('playwright-core').Page} page
 * @param {number} start
 * @param {number} end
 */
export async function selectOffsets(page, start, end) {
  await page.evaluate(([s, e]) => {
    const blocks = [...document.querySelectorAll('#annotated .block')];
    const point = (o) => {
      const b = blocks.find((x) => Number(x.dataset.start) <= o && o <= Number(x.dataset.end));
      let left = o - Number(b.dataset.start);
      const w = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        if (left <= n.length) return [n, left];
        left -= n.length;
      }
      throw new Error(`no point for ${o}`);
    };
    const [a, ao] = point(s);
    const [z, zo] = point(e);
    const block = a.parentElement.closest('.block');
    block.focus();
    document.getSelection().setBaseAndExtent(a, ao, z, zo);
  }, [start, end]);
}

/**
 * Selects the n-th occurrence (0-based) of a string in the article's text.
 * @param {import('playwright-core').Page} page
 * @param {string} text the page's document text
 * @param {string} needle
 * @param {number} [n]
 * @param {number} [trimStart] characters to leave out at the start (a partial selection)
 * @param {number} [trimEnd] characters to leave out at the end
 */
export async function selectString(page, text, needle, n = 0, trimStart = 0, trimEnd = 0) {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  await selectOffsets(page, at + trimStart, at + needle.length - trimEnd);
  return at;
}

/** Slices a string by code points, as Python and the exported offsets do. */
export const cpSlice = (text, s, e) => Array.from(text).slice(s, e).join('');

/**
 * The labels of the article's blocks, in order.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export const blockLabels = (page) => page.locator('#annotated .block').evaluateAll((bs) => bs.map((b) => b.dataset.label));

/**
 * Waits until every edit is written to IndexedDB (before a reload).
 * @param {import('playwright-core').Page} page
 */
export async function waitSaved(page) {
  await page.waitForFunction(() => document.documentElement.dataset.saving !== 'yes');
}

/**
 * Reloads once everything is saved, and waits for the restored workspace.
 * @param {import('playwright-core').Page} page
 */
export async function reload(page) {
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
}
