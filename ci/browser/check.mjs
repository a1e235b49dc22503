// The browser half of ci/browser-test: opens every page of the built book in one
// headless Chromium and checks what a reader sees. ci/browser-test builds and serves
// the book and then runs this; run alone:
//
//   node ci/browser/check.mjs --url http://127.0.0.1:PORT/ --root target/book \
//        --out target/browser-test --chromium /usr/bin/chromium
//
// Per page: no console error, no uncaught exception, no failed request to the server,
// no request that leaves this machine (the book reads offline), no link to a page that
// is not there, and every mermaid block drawn as a diagram. Then full-page screenshots
// (landing.png, diagram.png, print.png under --out) and the search box, which must find
// "GhostToken" (search.png).
// The last line is `browser-test: N passed, N failed`; the exit code is 1 on any failure.

import { readdirSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { chromium } from 'playwright-core';

const PAGE_TIMEOUT_MS = 15_000; // loading a page and drawing its diagrams
const PRINT_TIMEOUT_MS = 60_000; // print.html is the whole book on one page
const PARALLEL = 2; // pages open at once
const SEARCH_TERM = 'GhostToken';
const MAX_SCREENSHOT_HEIGHT = 100_000; // pixels; print.html grows with the book
// Pages photographed in full, by file name under --out.
const SCREENSHOTS = { 'index.html': 'landing.png', 'foundations/borrowing.html': 'diagram.png', 'print.html': 'print.png' };
// mdBook's pages that are not pages of the book.
const SKIPPED = new Set(['404.html']);
// mdBook's playground support asks play.rust-lang.org which crates it has. This machine
// is offline, so the check answers for the playground (no crates): the page then behaves
// as it does for an online reader, and any other request that leaves the machine fails.
const PLAYGROUND_CRATES = 'https://play.rust-lang.org/meta/crates';

function parseArgs(argv) {
    const args = {};
    for (let i = 0; i < argv.length; i += 2) {
        if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
            throw new Error(`usage: check.mjs --url URL --root DIR --out DIR --chromium PATH (got ${argv.join(' ')})`);
        }
        args[argv[i].slice(2)] = argv[i + 1];
    }
    for (const name of ['url', 'root', 'out', 'chromium']) {
        if (!args[name]) throw new Error(`check.mjs: --${name} is required`);
    }
    if (!args.url.endsWith('/')) args.url += '/';
    return args;
}

function htmlFiles(root) {
    const found = [];
    const walk = dir => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.name.endsWith('.html')) found.push(relative(root, path).split(sep).join('/'));
        }
    };
    walk(root);
    // index.html first (the search check runs there), print.html last (the longest page).
    const rank = p => (p === 'index.html' ? 0 : p === 'print.html' ? 2 : 1);
    return found.filter(p => !SKIPPED.has(p)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const isLocal = url => {
    try {
        const host = new URL(url).hostname;
        return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
    } catch {
        return true; // data:, blob: and the like never leave the machine
    }
};

const sentence = text => (/[.?!]$/.test(text) ? text : text + '.');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const shorten = text => (text.length > 300 ? text.slice(0, 300) + ' ...' : text).replace(/\s+/g, ' ').trim();

// Waits until mermaid has handled every block, then describes each one.
async function diagrams(page, deadline, timeout) {
    const selector = 'pre.mermaid, div.mermaid, .mermaid';
    const count = await page.locator(selector).count();
    if (count === 0) return { count: 0, problems: [] };
    const remaining = Math.max(deadline - Date.now(), 1000);
    try {
        await page.waitForFunction(
            sel => [...document.querySelectorAll(sel)]
                .filter(el => !el.parentElement?.closest('.mermaid'))
                // mermaid marks a block data-processed before it draws it: only the <svg> counts.
                .every(el => el.querySelector('svg')),
            selector,
            { timeout: remaining, polling: 100 },
        );
    } catch {
        // reported block by block below
    }
    const blocks = await page.evaluate(sel => [...document.querySelectorAll(sel)]
        .filter(el => !el.parentElement?.closest('.mermaid'))
        .map(el => {
            const svg = el.querySelector('svg');
            // On a parse error mermaid draws its "Syntax error in text" picture, marked so.
            const error = svg && svg.getAttribute('aria-roledescription') === 'error';
            const box = svg ? svg.getBoundingClientRect() : null;
            return {
                svg: !!svg,
                error: !!error,
                empty: !!svg && !error && (box.width < 1 || box.height < 1 || svg.children.length === 0),
                source: (svg ? '' : el.textContent || '').trim().split('\n')[0],
            };
        }), selector);
    const problems = [];
    blocks.forEach((b, i) => {
        const which = `mermaid block ${i + 1} of ${blocks.length}`;
        if (b.error) problems.push(`${which} did not parse: mermaid drew its "Syntax error" picture instead of the diagram; fix the block's mermaid syntax`);
        else if (!b.svg) problems.push(`${which} (starting "${shorten(b.source)}") was not turned into a diagram within ${timeout / 1000} s; is mermaid.min.js loaded on the page?`);
        else if (b.empty) problems.push(`${which} was drawn as an empty picture`);
    });
    return { count: blocks.length, problems };
}

// Links are not requested while a page loads, so they are checked against the files.
async function brokenLinks(page, baseUrl, root) {
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map(a => a.href));
    const missing = new Set();
    for (const href of hrefs) {
        if (!href.startsWith(baseUrl)) continue; // another site, mailto:, javascript:
        let file = decodeURIComponent(new URL(href).pathname.slice(new URL(baseUrl).pathname.length));
        if (file === '' || file.endsWith('/')) file += 'index.html';
        if (!existsSync(join(root, file))) missing.add(file);
    }
    return [...missing].map(f => `it links to ${f}, which is not in the book`);
}

// book/assets/line-numbers.js gives every Rust block a gutter numbering its visible lines.
async function lineNumbers(page) {
    const wrong = await page.evaluate(() => [...document.querySelectorAll('pre > code.language-rust')]
        .map((code, i) => {
            const gutter = code.parentNode.querySelector(':scope > .line-numbers');
            const lines = code.innerText.replace(/\n$/, '').split('\n').length;
            const numbered = gutter ? gutter.textContent.split('\n').length : 0;
            return numbered === lines ? null : `Rust block ${i + 1} shows ${numbered} line numbers for ${lines} lines`;
        })
        .filter(Boolean));
    return wrong.map(w => `${w}; is book/assets/line-numbers.js loaded (additional-js in book.toml)?`);
}

async function checkPage(context, baseUrl, path, root) {
    const page = await context.newPage();
    const problems = [];
    const failedUrls = new Set();
    page.on('pageerror', err => problems.push(`uncaught JavaScript exception: ${shorten(err.message)}`));
    page.on('console', msg => {
        if (msg.type() !== 'error') return;
        const where = msg.location()?.url || '';
        // A failed request also logs "Failed to load resource"; it is reported once, below.
        if (/^Failed to load resource/.test(msg.text()) && (failedUrls.has(where) || !isLocal(where))) return;
        problems.push(`JavaScript console error: ${shorten(msg.text())}${where ? ` (at ${where})` : ''}`);
    });
    // Each failed URL is reported once: a 404 is followed by a "failed" event for the same request.
    page.on('response', res => {
        if (res.status() >= 400 && isLocal(res.url()) && !failedUrls.has(res.url())) {
            failedUrls.add(res.url());
            problems.push(`request for ${res.url()} answered HTTP ${res.status()}; a file the page uses is missing from the book`);
        }
    });
    page.on('requestfailed', req => {
        if (!isLocal(req.url()) || failedUrls.has(req.url())) return; // leaving the machine: reported by the route handler
        failedUrls.add(req.url());
        problems.push(`request for ${req.url()} failed (${req.failure()?.errorText ?? 'unknown error'})`);
    });
    page.on('dialog', dialog => dialog.dismiss().catch(() => {}));
    await page.route(url => !isLocal(url.href), route => {
        const url = route.request().url();
        if (url === PLAYGROUND_CRATES) {
            return route.fulfill({
                status: 200,
                contentType: 'application/json',
                headers: { 'access-control-allow-origin': '*' },
                body: '{"crates":[]}',
            });
        }
        problems.push(`the page loads ${url} from the network; the book must read offline, so ship that file in the book instead`);
        return route.abort('blockedbyclient');
    });

    const timeout = path === 'print.html' ? PRINT_TIMEOUT_MS : PAGE_TIMEOUT_MS;
    const deadline = Date.now() + timeout;
    let count = 0;
    try {
        await page.goto(baseUrl + path, { waitUntil: 'load', timeout });
        problems.push(...await brokenLinks(page, baseUrl, root));
        const found = await diagrams(page, deadline, timeout);
        count = found.count;
        problems.push(...found.problems);
        problems.push(...await lineNumbers(page));
        // Late errors (a script that fails after load) get a moment to show up.
        await page.waitForTimeout(150);
    } catch (err) {
        problems.push(`the page did not load and render (time limit ${timeout / 1000} s): ${shorten(err.message)}`);
    }
    await page.close();
    return { count, problems };
}

// Full-page screenshots are taken one page at a time, with no other page open: taken while
// a second page renders, Chromium repeated the top of the page down the picture.
async function screenshot(context, baseUrl, path, file) {
    const page = await context.newPage();
    const timeout = path === 'print.html' ? PRINT_TIMEOUT_MS : PAGE_TIMEOUT_MS;
    try {
        await page.goto(baseUrl + path, { waitUntil: 'load', timeout });
        await diagrams(page, Date.now() + timeout, timeout);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const clip = height > MAX_SCREENSHOT_HEIGHT ? { x: 0, y: 0, width: 1280, height: MAX_SCREENSHOT_HEIGHT } : undefined;
        await page.screenshot({ path: file, fullPage: true, clip, timeout });
        return null;
    } catch (err) {
        return `${path}: the screenshot failed: ${shorten(err.message)}`;
    } finally {
        await page.close();
    }
}

async function checkSearch(context, baseUrl, out) {
    const page = await context.newPage();
    try {
        await page.goto(baseUrl + 'index.html', { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
        // mdBook 0.5 prefixes its ids with "mdbook-"; older versions do not.
        const bar = page.locator('#mdbook-searchbar, #searchbar').first();
        const toggle = page.locator('#mdbook-search-toggle, #search-toggle').first();
        if ((await toggle.count()) === 0) {
            return 'index.html has no search button (#mdbook-search-toggle); is [output.html.search] enabled in book.toml?';
        }
        await page.locator('body').press('s'); // the keyboard shortcut a reader uses
        if (!(await bar.isVisible())) await toggle.click();
        await bar.waitFor({ state: 'visible', timeout: 5000 });
        await bar.pressSequentially(SEARCH_TERM, { delay: 20 });
        const results = page.locator('#mdbook-searchresults li, #searchresults li');
        try {
            await results.first().waitFor({ state: 'visible', timeout: PAGE_TIMEOUT_MS });
        } catch {
            await page.screenshot({ path: join(out, 'search.png') });
            return `searching for "${SEARCH_TERM}" on index.html showed no results within ${PAGE_TIMEOUT_MS / 1000} s (see search.png); is the search index (searchindex*.js) built and loading?`;
        }
        const n = await results.count();
        await page.screenshot({ path: join(out, 'search.png') });
        return { results: n };
    } catch (err) {
        return `the search check on index.html failed: ${shorten(err.message)}`;
    } finally {
        await page.close();
    }
}

async function main() {
    const args = parseArgs(process.argv.slice(2));
    mkdirSync(args.out, { recursive: true });
    if (!existsSync(args.root)) throw new Error(`${args.root} does not exist; build the book first (ci/serve --build-only)`);
    const paths = htmlFiles(args.root);
    if (paths.length === 0) throw new Error(`no .html pages under ${args.root}; build the book first (ci/serve --build-only)`);

    for (const f of [...Object.values(SCREENSHOTS), 'search.png']) rmSync(join(args.out, f), { force: true });
    const started = Date.now();
    // Playwright starts Chromium with a new, empty --user-data-dir of its own and deletes it at close.
    const browser = await chromium.launch({
        executablePath: args.chromium,
        headless: true,
        timeout: 30_000,
        args: [
            '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
        ],
    });
    const failures = [];
    let passed = 0;
    let checks = paths.length + 1; // every page and the search; screenshots are added below
    let diagramTotal = 0;
    let searchNote = 'search not checked';
    try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
        // Two pages at a time (this is sized for 2 cores); the lines still come out in order.
        const results = new Array(paths.length);
        let next = 0;
        const worker = async () => {
            while (next < paths.length) {
                const i = next++;
                const t0 = Date.now();
                results[i] = checkPage(context, args.url, paths[i], args.root)
                    .then(r => ({ ...r, seconds: (Date.now() - t0) / 1000 }));
                await results[i];
            }
        };
        const workers = Promise.all(Array.from({ length: PARALLEL }, worker));
        for (let i = 0; i < paths.length; i++) {
            while (!results[i]) await new Promise(r => setTimeout(r, 20));
            const { count, problems, seconds } = await results[i];
            diagramTotal += count;
            const note = ` (${count ? `${plural(count, 'diagram')}, ` : ''}${seconds.toFixed(1)} s)`;
            if (problems.length === 0) {
                passed += 1;
                console.log(`ok    ${paths[i]}${note}`);
            } else {
                console.log(`FAIL  ${paths[i]}${note}`);
                for (const p of problems) failures.push(sentence(`${paths[i]}: ${p}`));
            }
        }
        await workers;
        for (const [path, file] of Object.entries(SCREENSHOTS)) {
            if (!paths.includes(path)) continue;
            checks += 1;
            const problem = await screenshot(context, args.url, path, join(args.out, file));
            if (problem) {
                console.log(`FAIL  screenshot of ${path}`);
                failures.push(sentence(problem));
            } else {
                passed += 1;
                console.log(`ok    screenshot of ${path}: ${join(args.out, file)}`);
            }
        }
        const search = await checkSearch(context, args.url, args.out);
        if (typeof search === 'string') {
            console.log(`FAIL  search for "${SEARCH_TERM}"`);
            failures.push(sentence(search));
            searchNote = 'search FAILED';
        } else {
            passed += 1;
            console.log(`ok    search for "${SEARCH_TERM}" (${plural(search.results, 'result')})`);
            searchNote = 'search ok';
        }
        await context.close();
    } finally {
        await browser.close();
    }

    const shots = [...Object.values(SCREENSHOTS), 'search.png'].filter(f => existsSync(join(args.out, f)));
    if (failures.length) {
        console.log('\nProblems:');
        for (const f of failures) console.log(`  ${f}`);
    }
    console.log(`\n${plural(paths.length, 'page')}, ${plural(diagramTotal, 'diagram')}, ${searchNote}; ` +
        `screenshots in ${args.out}/: ${shots.join(', ') || 'none'}; ${((Date.now() - started) / 1000).toFixed(1)} s in Chromium`);
    const failedChecks = checks - passed;
    console.log(`browser-test: ${passed} passed, ${failedChecks} failed`);
    return failedChecks === 0 ? 0 : 1;
}

main().then(code => process.exit(code), err => {
    console.error(`\nci/browser-test: ${err.message}`);
    console.log('browser-test: 0 passed, 1 failed');
    process.exit(1);
});
