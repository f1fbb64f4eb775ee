// The storefront page as a shopper uses it, in headless Chromium driven by playwright-core, against
// the real local runtime. Run by StorefrontBrowserTest (infra/local), which starts the runtime,
// creates this run's products and plays the fulfilment partner; it passes:
//   BASE_URL, MARKER (a word only this run's product names contain), OUT_DIR (screenshots), CHROMIUM.
// Exit code 0 when every step passed; a failed step prints what it expected and exits 1.
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL;
const MARKER = process.env.MARKER;
const OUT = process.env.OUT_DIR;
const STEP_MS = 30_000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const failures = [];
const pageErrors = [];
// The API calls of the step under way: a failed step prints them, with what the page showed.
let calls = [];
let current = null;

async function step(name, action) {
  const started = Date.now();
  calls = [];
  try {
    await action();
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failures.push(`${name}: ${e.message.split('\n')[0]}`);
    console.log(`FAIL ${name} after ${Date.now() - started} ms: ${e.message}`);
    await explain(name);
    throw e;
  }
}

async function explain(name) {
  if (!current || current.isClosed()) return;
  console.log(`  page: ${current.url()}`);
  const notice = await current.locator('#notice').textContent({ timeout: 1000 }).catch(() => null);
  if (notice) console.log(`  notice: ${notice}`);
  const main = await current.locator('#main').innerText({ timeout: 1000 }).catch(() => '');
  console.log(`  main: ${main.replace(/\s+/g, ' ').slice(0, 400)}`);
  for (const c of calls) console.log(`  ${c}`);
  await current.screenshot({ path: `${OUT}/storefront-failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}.png`, fullPage: true }).catch(() => {});
}

async function shopper(width, height) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  page.on('pageerror', e => pageErrors.push(e.message));
  const sent = new Map();
  page.on('request', r => sent.set(r, Date.now()));
  page.on('requestfinished', async r => {
    const response = await r.response().catch(() => null);
    calls.push(`${r.method()} ${new URL(r.url()).pathname} -> ${response ? response.status() : '?'} in ${Date.now() - (sent.get(r) ?? Date.now())} ms`);
    sent.delete(r);
  });
  page.on('requestfailed', r => calls.push(`${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText}`));
  current = page;
  return { context, page };
}

async function addFromSearch(page, name) {
  await page.locator('#search-input').fill(MARKER);
  await page.locator('#search-form button[type=submit]').click();
  // Only a link of the results: one of the page before them can be replaced between Playwright's
  // aim and its click, and a click that lands on the new page's heading goes nowhere.
  await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: new RegExp(name) }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.locator('#cart').waitFor({ state: 'visible' });
  await page.locator('#cart-close').click();
}

async function fillCheckout(page, card) {
  await page.locator('#cart-button').click();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.locator('#email').fill('ada@example.com');
  await page.locator('#name').fill('Ada Lovelace');
  await page.locator('#line1').fill('Unter den Linden 1');
  await page.locator('#city').fill('Berlin');
  await page.locator('#postalCode').fill('10117');
  await page.locator('#country').selectOption('DE');
  await page.locator('#card').selectOption(card);
  await page.getByRole('button', { name: /^Pay / }).click();
}

async function waitForStatus(page, status) {
  await page.locator('#order-status', { hasText: status }).waitFor({ timeout: 60_000 });
}

try {
  // 1. Browse and search, at the desktop width: suggestions, results, two products into the cart.
  const desktop = await shopper(1280, 900);
  const page = desktop.page;
  await step('the product grid renders', async () => {
    await page.goto(`${BASE}/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale`);
    await page.getByRole('list', { name: 'Products' }).locator('li').first().waitFor();
    await page.screenshot({ path: `${OUT}/storefront-grid-1280.png`, fullPage: true });
  });
  await step('typing three letters of a word suggests the product', async () => {
    await page.locator('#search-input').pressSequentially(MARKER.slice(0, 5), { delay: 20 });
    await page.getByRole('listbox', { name: 'Suggestions' }).getByRole('link', { name: new RegExp(`Jacket ${MARKER}`, 'i') }).waitFor();
  });
  await step('searching finds both of the run\'s products and adds them to the cart', async () => {
    await addFromSearch(page, `Jacket ${MARKER}`);
    await addFromSearch(page, `Mug ${MARKER}`);
    const count = await page.locator('#cart-count').textContent();
    if (count !== '2') throw new Error(`cart count ${count}, expected 2`);
  });
  await step('shipping to DE shows the methods and the VAT included in the total', async () => {
    await page.locator('#cart-button').click();
    await page.locator('#ship-country').selectOption('DE');
    await page.getByRole('radio').first().waitFor();
    await page.getByRole('table', { name: 'Totals' }).getByText('Tax included').waitFor();
    await page.locator('#cart-close').click();
  });
  let orderUrl;
  await step('paying with tok_visa places the order and the page follows it to DELIVERED', async () => {
    await fillCheckout(page, 'tok_visa');
    await page.waitForURL(/#\/order\//);
    orderUrl = page.url();
    await waitForStatus(page, 'DELIVERED');
    await page.locator('.tracking').waitFor();
    await page.screenshot({ path: `${OUT}/storefront-order-1280.png`, fullPage: true });
  });
  await desktop.context.close();

  // 2. The same order and the grid at a phone's width.
  const phone = await shopper(375, 740);
  await step('the grid and the order page work at 375 px', async () => {
    await phone.page.goto(`${BASE}/`);
    await phone.page.getByRole('list', { name: 'Products' }).locator('li').first().waitFor();
    await phone.page.screenshot({ path: `${OUT}/storefront-grid-375.png`, fullPage: true });
    await phone.page.goto(orderUrl);
    await waitForStatus(phone.page, 'DELIVERED');
    await phone.page.screenshot({ path: `${OUT}/storefront-order-375.png`, fullPage: true });
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) throw new Error(`the page is ${overflow}px wider than the screen`);
  });
  await phone.context.close();

  // 3. A declined card: the decline's detail is shown and the cart keeps its line.
  const declined = await shopper(1280, 900);
  await step('a declined card shows the decline and the cart still holds its lines', async () => {
    await declined.page.goto(`${BASE}/`);
    await addFromSearch(declined.page, `Mug ${MARKER}`);
    await fillCheckout(declined.page, 'tok_chargeDeclined');
    await declined.page.locator('#notice').filter({ hasText: /declined/i }).waitFor();
    const count = await declined.page.locator('#cart-count').textContent();
    if (count !== '1') throw new Error(`cart count ${count} after the decline, expected 1`);
  });
  await declined.context.close();

  // 4. 3-D Secure: the bank's page, back to the order, which the payment confirmation places.
  const secure = await shopper(1280, 900);
  await step('a 3-D Secure payment goes through the bank page and the order is placed', async () => {
    await secure.page.goto(`${BASE}/`);
    await addFromSearch(secure.page, `Jacket ${MARKER}`);
    await fillCheckout(secure.page, 'tok_threeDSecureRequired');
    await secure.page.waitForURL(/\/local\/payments\//);
    await secure.page.getByRole('button', { name: 'Authenticate' }).click();
    await secure.page.waitForURL(/#\/order\//);
    await secure.page.locator('#order-status').filter({ hasText: /PLACED|FULFILMENT_REQUESTED|ACCEPTED|SHIPPED|DELIVERED/ }).waitFor();
  });
  await secure.context.close();

  if (pageErrors.length) throw new Error(`script errors on the page: ${pageErrors.join('; ')}`);
} catch (e) {
  if (!failures.length) failures.push(e.message);
} finally {
  await browser.close();
}
if (failures.length) {
  console.log(`${failures.length} step(s) failed`);
  process.exit(1);
}
console.log('every step passed');
