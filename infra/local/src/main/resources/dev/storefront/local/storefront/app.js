// The local storefront: every screen is built from the public HTTP API only, as a real storefront
// would be. No framework, no build step, no CDN: DOM nodes are created with textContent (never
// innerHTML), so nothing the API returns can run as markup.

const VISITOR_KEY = 'storefront.visitor';
const CART_KEY = 'storefront.cart';
const CAMPAIGN_KEY = 'storefront.campaign';
const FINAL = new Set(['DELIVERED', 'CANCELLED', 'PAYMENT_FAILED', 'EXPIRED', 'REJECTED']);
const COUNTRIES = [['DE', 'Germany'], ['FR', 'France'], ['NL', 'Netherlands'], ['AT', 'Austria'], ['BE', 'Belgium'],
  ['ES', 'Spain'], ['IT', 'Italy'], ['GB', 'United Kingdom'], ['US', 'United States']];
const CARDS = [['tok_visa', 'Visa test card (succeeds)'], ['tok_chargeDeclined', 'Test card that is declined'],
  ['tok_threeDSecureRequired', 'Test card that asks for 3-D Secure']];
const POLL_MS = 1500;

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || problem.message || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code;
  }
}

function visitorId() {
  let id = localStorage.getItem(VISITOR_KEY);
  if (!id) {
    id = crypto.randomUUID().replaceAll('-', '');
    localStorage.setItem(VISITOR_KEY, id);
  }
  return id;
}

/** UTM parameters of the landing URL, kept for the visit: source/medium/campaign (docs/INSIGHTS.md). */
function campaign() {
  const params = new URLSearchParams(location.search);
  if (params.has('utm_campaign')) {
    const value = [params.get('utm_source') || '', params.get('utm_medium') || '', params.get('utm_campaign')].join('/');
    sessionStorage.setItem(CAMPAIGN_KEY, value.slice(0, 200));
  }
  return sessionStorage.getItem(CAMPAIGN_KEY);
}

async function api(method, path, body, headers = {}) {
  const all = { 'X-Visitor-Id': visitorId(), 'X-Channel': 'web', ...headers };
  const utm = campaign();
  if (utm) all['X-Campaign'] = utm;
  if (body !== undefined) all['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json || { detail: `HTTP ${response.status}` });
  return json;
}

// ---------------------------------------------------------------- small DOM helpers

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function money(m) {
  if (!m) return '';
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(m.amount / 10 ** digits);
}

const main = () => document.getElementById('main');

function show(...nodes) {
  main().replaceChildren(...nodes);
}

function notice(text) {
  const box = document.getElementById('notice');
  box.textContent = text || '';
  box.hidden = !text;
}

/** Runs an action; an API problem is shown as its detail, never a blank page. */
async function guarded(action) {
  try {
    notice('');
    return await action();
  } catch (e) {
    notice(e instanceof ApiError ? e.message : 'Something went wrong; try again.');
    if (!(e instanceof ApiError)) console.error(e);
    return undefined;
  }
}

// ---------------------------------------------------------------- catalog and search

let categoriesLoaded = false;

async function loadCategories() {
  if (categoriesLoaded) return;
  const page = await api('GET', '/categories');
  const nav = document.getElementById('categories');
  nav.replaceChildren(el('a', { href: '#/' , text: 'All' }),
    ...page.items.map(c => el('a', { href: `#/category/${encodeURIComponent(c.slug)}`, text: c.name })));
  categoriesLoaded = true;
}

function productCard(p, price, inStock) {
  return el('li', { class: 'card' },
    el('a', { href: `#/product/${encodeURIComponent(p.productId)}`, class: 'card-link' },
      el('span', { class: 'card-name', text: p.name }),
      el('span', { class: 'card-price', text: price ? money(price) : '' }),
      el('span', { class: inStock ? 'stock in' : 'stock out', text: inStock ? 'In stock' : 'Sold out' })));
}

function lowest(variants, priceOf) {
  return variants.map(priceOf).reduce((a, b) => (!a || b.amount < a.amount ? b : a), null);
}

async function viewHome(category) {
  const query = category ? `?category=${encodeURIComponent(category)}&limit=24` : '?limit=24';
  const page = await api('GET', `/products${query}`);
  return [el('h1', { text: category ? category : 'All products' }),
    el('ul', { class: 'grid', 'aria-label': 'Products' },
      page.items.map(p => productCard(p, lowest(p.variants, v => v.price), p.variants.some(v => v.available > 0))))];
}

async function viewSearch(q, category) {
  const params = new URLSearchParams({ q, limit: '24' });
  if (category) params.set('category', category);
  const page = await api('GET', `/search?${params}`);
  const facets = (page.facets.categories || []).map(f => el('a', {
    class: 'chip', href: `#/search?${new URLSearchParams({ q, category: f.value })}`, text: `${f.value} (${f.count})`,
  }));
  return [el('h1', { text: `Results for "${q}"` }),
    el('p', { class: 'muted', text: page.total === 0 ? 'No products match. Try fewer or other words.' : `${page.total} products` }),
    facets.length ? el('div', { class: 'chips', 'aria-label': 'Filter by category' }, facets) : null,
    el('ul', { class: 'grid', 'aria-label': 'Search results' },
      page.items.map(h => productCard(h, h.minPrice, h.variants.some(v => v.inStock))))];
}

async function viewProduct(productId) {
  const p = await api('GET', `/products/${encodeURIComponent(productId)}`);
  const select = el('select', { id: 'variant', name: 'sku' },
    p.variants.map(v => el('option', { value: v.sku, disabled: v.available === 0 },
      `${Object.values(v.attributes || {}).join(' / ') || v.sku}: ${money(v.price)} (${v.available > 0 ? `${v.available} in stock` : 'sold out'})`)));
  const quantity = el('input', { id: 'quantity', name: 'quantity', type: 'number', min: '1', max: '99', value: '1', inputmode: 'numeric' });
  const form = el('form', {
    class: 'buy',
    onsubmit: e => { e.preventDefault(); guarded(() => addToCart(select.value, Number(quantity.value))); },
  },
    el('label', { for: 'variant', text: 'Variant' }), select,
    el('label', { for: 'quantity', text: 'Quantity' }), quantity,
    el('button', { type: 'submit', text: 'Add to cart' }));
  return [el('article', { class: 'product' },
    el('h1', { text: p.name }),
    p.description ? el('p', { text: p.description }) : null,
    el('p', { class: 'muted', text: `Category: ${p.category}` }),
    form)];
}

// Suggestions as the shopper types: GET /search/suggest for 3+ characters, latest answer wins.
function wireSearch() {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-input');
  const list = document.getElementById('suggestions');
  let asked = 0;
  // Closing also outdates the suggestions still on their way.
  const close = () => { asked++; list.hidden = true; input.setAttribute('aria-expanded', 'false'); };
  input.addEventListener('input', async () => {
    const q = input.value.trim();
    const mine = ++asked;
    if (q.length < 3) { close(); return; }
    try {
      const answer = await api('GET', `/search/suggest?q=${encodeURIComponent(q)}`);
      if (mine !== asked) return;
      list.replaceChildren(...answer.items.map(s => el('li', { role: 'option' },
        el('a', { href: `#/product/${encodeURIComponent(s.productId)}`, text: s.text, onclick: close }))));
      list.hidden = answer.items.length === 0;
      input.setAttribute('aria-expanded', String(!list.hidden));
    } catch { close(); }
  });
  input.addEventListener('keydown', e => { if (e.key === 'Escape') close(); });
  form.addEventListener('submit', e => {
    e.preventDefault();
    close();
    const q = input.value.trim();
    if (q) location.hash = `#/search?${new URLSearchParams({ q })}`;
  });
}

// ---------------------------------------------------------------- the cart

let cart = null;

async function currentCart() {
  const id = localStorage.getItem(CART_KEY);
  if (id) {
    try {
      cart = await api('GET', `/carts/${id}`);
      if (cart.status === 'OPEN') return cart;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
    }
  }
  cart = await api('POST', '/carts');
  localStorage.setItem(CART_KEY, cart.cartId);
  return cart;
}

async function addToCart(sku, quantity) {
  const c = await currentCart();
  cart = await api('POST', `/carts/${c.cartId}/items`, { sku, quantity });
  renderCart();
  openCart();
}

function openCart() {
  document.getElementById('cart').hidden = false;
  document.getElementById('cart-button').setAttribute('aria-expanded', 'true');
  document.getElementById('cart-close').focus();
}

function closeCart() {
  document.getElementById('cart').hidden = true;
  document.getElementById('cart-button').setAttribute('aria-expanded', 'false');
}

function totalsTable(c) {
  const rows = [['Subtotal', money(c.subtotal)]];
  if (c.discount && c.discount.amount > 0) rows.push([`Discount${c.discountCode ? ` (${c.discountCode})` : ''}`, `−${money(c.discount)}`]);
  if (c.shipping && c.shipping.amount) rows.push([`Shipping: ${c.shipping.name} (${c.shipping.carrier})`, money(c.shipping.amount)]);
  if (c.tax) rows.push([c.tax.included ? 'Tax included' : 'Tax', money(c.tax.amount)]);
  rows.push(['Total', money(c.total)]);
  return el('table', { class: 'totals', 'aria-label': 'Totals' },
    el('tbody', {}, rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row', text: k }), el('td', { text: v })))));
}

async function chooseCountry(country) {
  const options = await api('GET', `/carts/${cart.cartId}/shipping-options?country=${country}`);
  cart = await api('PUT', `/carts/${cart.cartId}/shipping`, { country, methodId: options.items[0]?.methodId });
  renderCart(options.items);
}

function shippingSection(options) {
  const chosen = cart.shipping ? cart.shipping.country : '';
  const country = el('select', {
    id: 'ship-country', name: 'country',
    onchange: e => guarded(() => chooseCountry(e.target.value)),
  }, el('option', { value: '', text: 'Choose a country' }),
    COUNTRIES.map(([code, name]) => el('option', { value: code, selected: code === chosen, text: name })));
  const methods = (options || []).map(o => el('label', { class: 'method' },
    el('input', {
      type: 'radio', name: 'method', value: o.methodId, checked: cart.shipping && cart.shipping.methodId === o.methodId,
      onchange: () => guarded(async () => {
        cart = await api('PUT', `/carts/${cart.cartId}/shipping`, { country: cart.shipping.country, methodId: o.methodId });
        renderCart(options);
      }),
    }),
    ` ${o.name} (${o.carrier}, ${o.deliveryDays.min}-${o.deliveryDays.max} days): ${money(o.amount)}`));
  return el('fieldset', { class: 'shipping' }, el('legend', { text: 'Shipping' }),
    el('label', { for: 'ship-country', text: 'Ship to' }), country, methods);
}

function renderCart(shippingOptions) {
  document.getElementById('cart-count').textContent = cart ? String(cart.lines.reduce((n, l) => n + l.quantity, 0)) : '0';
  const body = document.getElementById('cart-body');
  if (!cart || cart.lines.length === 0) {
    body.replaceChildren(el('p', { text: 'Your cart is empty.' }));
    return;
  }
  const lines = el('ul', { class: 'lines', 'aria-label': 'Cart lines' }, cart.lines.map(line => {
    const qty = el('input', {
      type: 'number', min: '1', max: '99', value: String(line.quantity), 'aria-label': `Quantity of ${line.name || line.sku}`,
      onchange: e => guarded(async () => {
        cart = await api('PUT', `/carts/${cart.cartId}/items/${encodeURIComponent(line.sku)}`, { quantity: Number(e.target.value) });
        renderCart(shippingOptions);
      }),
    });
    return el('li', { class: 'line' },
      el('span', { class: 'line-name', text: line.name || line.sku }), qty,
      el('span', { class: 'line-total', text: money(line.lineTotal) }),
      el('button', {
        type: 'button', 'aria-label': `Remove ${line.name || line.sku}`, text: 'Remove',
        onclick: () => guarded(async () => {
          cart = await api('DELETE', `/carts/${cart.cartId}/items/${encodeURIComponent(line.sku)}`);
          renderCart(shippingOptions);
        }),
      }));
  }));
  const code = el('input', { id: 'discount-code', name: 'code', maxlength: '64', autocomplete: 'off' });
  const discount = el('form', {
    class: 'discount',
    onsubmit: e => { e.preventDefault(); guarded(async () => { cart = await api('POST', `/carts/${cart.cartId}/discount`, { code: code.value.trim() }); renderCart(shippingOptions); }); },
  }, el('label', { for: 'discount-code', text: 'Discount code' }), code, el('button', { type: 'submit', text: 'Apply' }));
  const warnings = (cart.warnings || []).map(w => el('p', { class: 'warning', text: w.detail || w.code }));
  body.replaceChildren(lines, discount, shippingSection(shippingOptions), warnings, totalsTable(cart),
    el('a', { class: 'button', href: '#/checkout', onclick: closeCart, text: 'Checkout' }));
}

// ---------------------------------------------------------------- checkout, 3-D Secure, the order

function field(id, label, attributes = {}) {
  return [el('label', { for: id, text: label }), el('input', { id, name: id, required: true, ...attributes })];
}

async function viewCheckout() {
  const c = await currentCart();
  if (c.lines.length === 0) {
    return [el('h1', { text: 'Checkout' }), el('p', { text: 'Your cart is empty.' }), el('a', { href: '#/', text: 'Browse products' })];
  }
  const country = el('select', { id: 'country', name: 'country', required: true },
    COUNTRIES.map(([code, name]) => el('option', { value: code, selected: c.shipping && c.shipping.country === code, text: name })));
  const card = el('select', { id: 'card', name: 'card' }, CARDS.map(([token, label]) => el('option', { value: token, text: label })));
  const submit = el('button', { type: 'submit', text: `Pay ${money(c.total)}` });
  const form = el('form', { class: 'checkout', onsubmit: e => { e.preventDefault(); guarded(() => placeOrder(form, submit)); } },
    field('email', 'Email', { type: 'email', autocomplete: 'email' }),
    field('name', 'Full name', { autocomplete: 'name' }),
    field('line1', 'Address', { autocomplete: 'address-line1' }),
    field('city', 'City', { autocomplete: 'address-level2' }),
    field('postalCode', 'Postal code', { autocomplete: 'postal-code' }),
    el('label', { for: 'country', text: 'Country' }), country,
    el('label', { for: 'card', text: 'Card' }), card,
    submit);
  return [el('h1', { text: 'Checkout' }), totalsTable(c), form];
}

async function placeOrder(form, submit) {
  const data = new FormData(form);
  const body = {
    email: data.get('email'),
    paymentToken: data.get('card'),
    shippingAddress: {
      name: data.get('name'), line1: data.get('line1'), city: data.get('city'),
      postalCode: data.get('postalCode'), country: data.get('country'),
    },
  };
  submit.disabled = true;
  try {
    // One key per attempt: a retry of this very request replays it, never charges twice.
    const order = await api('POST', `/carts/${cart.cartId}/checkout`, body, { 'Idempotency-Key': crypto.randomUUID() });
    const next = order.payment && order.payment.nextAction;
    if (order.status === 'PENDING_PAYMENT' && next && next.url) {
      const back = `${location.origin}/#/order/${order.orderId}?confirm=1`;
      location.assign(`${next.url}?return=${encodeURIComponent(back)}`);
      return;
    }
    localStorage.removeItem(CART_KEY);
    cart = null;
    renderCart();
    location.hash = `#/order/${order.orderId}`;
  } catch (e) {
    // A declined card reopens the cart on the server: show it again with the problem's detail.
    if (e instanceof ApiError) {
      cart = await api('GET', `/carts/${cart.cartId}`).catch(() => cart);
      renderCart();
    }
    throw e;
  } finally {
    submit.disabled = false;
  }
}

let polling = null;

async function viewOrder(orderId, confirm) {
  clearTimeout(polling);
  let order;
  if (confirm) {
    order = await api('POST', `/orders/${orderId}/payment/confirm`);
    history.replaceState(null, '', `#/order/${orderId}`);
  } else {
    order = await api('GET', `/orders/${orderId}`);
  }
  if (order.status !== 'PENDING_PAYMENT' && order.status !== 'PAYMENT_FAILED' && localStorage.getItem(CART_KEY) && cart && cart.status !== 'OPEN') {
    localStorage.removeItem(CART_KEY);
  }
  if (!FINAL.has(order.status)) {
    const mine = navigation;
    polling = setTimeout(() => guarded(async () => {
      const nodes = await viewOrder(orderId, false);
      if (mine === navigation) show(...nodes);
    }), POLL_MS);
  }
  return orderView(order);
}

function orderView(order) {
  const tracking = order.fulfilment && order.fulfilment.trackingNumber
    ? el('p', { class: 'tracking', text: `Shipped with ${order.fulfilment.carrier}: tracking ${order.fulfilment.trackingNumber}` }) : null;
  return [el('article', { class: 'order' },
    el('h1', { text: 'Your order' }),
    el('p', { class: 'muted', text: `Order ${order.orderId}` }),
    el('p', {}, 'Status: ', el('strong', { id: 'order-status', 'aria-live': 'polite', text: order.status })),
    tracking,
    el('ul', { class: 'lines', 'aria-label': 'Order lines' },
      order.lines.map(l => el('li', { class: 'line' }, el('span', { class: 'line-name', text: `${l.quantity} × ${l.name || l.sku}` }),
        el('span', { class: 'line-total', text: money(l.lineTotal) })))),
    totalsTable(order),
    el('h2', { text: 'History' }),
    el('ol', { class: 'history' }, (order.history || []).map(h => el('li', { text: `${new Date(h.at).toLocaleString()}: ${h.to}` }))))];
}

// ---------------------------------------------------------------- routing

// Each navigation gets a number; a view whose answers arrive after the shopper has moved on is
// dropped, so a slow search can never replace the product page clicked meanwhile.
let navigation = 0;

async function route() {
  const mine = ++navigation;
  const hash = location.hash || '#/';
  const [path, query] = hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  await guarded(async () => {
    await loadCategories();
    let nodes;
    if (parts[0] === 'product' && parts[1]) nodes = await viewProduct(parts[1]);
    else if (parts[0] === 'category' && parts[1]) nodes = await viewHome(parts[1]);
    else if (parts[0] === 'search') nodes = await viewSearch(params.get('q') || '', params.get('category'));
    else if (parts[0] === 'checkout') nodes = await viewCheckout();
    else if (parts[0] === 'order' && parts[1]) nodes = await viewOrder(parts[1], params.get('confirm') === '1');
    else nodes = await viewHome(null);
    if (mine !== navigation) return;
    show(...nodes);
    document.getElementById('email')?.focus();
  });
}

document.getElementById('cart-button').addEventListener('click', () => {
  if (document.getElementById('cart').hidden) openCart(); else closeCart();
});
document.getElementById('cart-close').addEventListener('click', closeCart);
window.addEventListener('hashchange', route);
wireSearch();
campaign();
guarded(async () => {
  if (localStorage.getItem(CART_KEY)) {
    await currentCart();
    renderCart();
  }
});
route();
