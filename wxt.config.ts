import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { rootHighlightRules } from './utils/highlight-rules';

/** The page-level ::highlight() rules, from public/, injected by the manifest. */
const HIGHLIGHT_RULES = 'content-highlights.css';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/auto-icons'],
  // One SVG drawn in the repo, rendered at build time to every size the manifests use.
  autoIcons: {
    baseIconPath: 'assets/icon.svg',
    sizes: [128, 96, 48, 32, 16],
    developmentIndicator: 'overlay',
  },
  // MV3 for Firefox too (WXT defaults Firefox to MV2).
  manifestVersion: 3,
  vite: (env) => ({
    plugins: [preact()],
    // Firefox has the promise-based `browser` the polyfill would only hand back: see utils/native-browser.ts.
    resolve:
      env.browser === 'firefox'
        ? { alias: [{ find: /^webextension-polyfill$/, replacement: resolve('utils/native-browser.ts') }] }
        : {},
    // FACTLENS_PROFILE=1 keeps names readable in CPU profiles.
    build: process.env.FACTLENS_PROFILE ? { minify: false } : process.env.FACTLENS_SOURCEMAP ? { sourcemap: true } : {},
  }),
  manifest: ({ browser }) => ({
    // Names, descriptions and UI strings live in public/_locales/<lang>/messages.json.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // storage: settings. Content scripts follow settings through storage events.
    // Chrome only: scripting and host access to the pages the content scripts already run on,
    // so that an install or update brings the new version into pages that are open
    // (utils/open-tabs.ts). Chrome shows the same one warning as for the content scripts alone.
    ...(browser === 'firefox'
      ? { permissions: ['storage'] }
      : { permissions: ['storage', 'scripting'], host_permissions: ['<all_urls>'] }),
    // Only the extension's own scripts in its pages: no remote code, no eval.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    // Factlens' work on a page loads with import() into the content script once the page has
    // settled, the card's view (Preact, floating-ui) and the fuzzy scorer (fuse.js) when a page
    // first needs them; in Chrome only through a per-session URL, so pages cannot probe for them.
    web_accessible_resources: [
      {
        resources: ['card-view.js', 'content-main.js', 'page-matcher.js'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    commands: {
      'toggle-factlens': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_commandToggle__',
      },
      'next-term': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_commandNextTerm__',
      },
      'previous-term': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandPreviousTerm__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'factlens@factlens.dev',
              // CSS Custom Highlight API (CSS.highlights, ::highlight) ships in Firefox 140.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions is understood from Firefox for Android 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // CSS Custom Highlight API ships in Chrome 105.
          minimum_chrome_version: '105',
        }),
  }),
  hooks: {
    // ::highlight() rules must live in a document-level stylesheet; manifest CSS adds one
    // without putting a <style> element into the page.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) {
        script.css = [...(script.css ?? []), HIGHLIGHT_RULES];
      }
    },
    // Chrome's copy styles highlights from the root element (utils/highlight-rules.ts): a rule
    // on every element makes every style update of every page dearer.
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser === 'firefox') return;
      const at = files.findIndex((file) => file.relativeDest === HIGHLIGHT_RULES);
      if (at < 0) throw new Error(`public/${HIGHLIGHT_RULES} is missing`);
      const source = readFileSync(join(wxt.config.publicDir, HIGHLIGHT_RULES), 'utf8');
      files[at] = { relativeDest: HIGHLIGHT_RULES, contents: rootHighlightRules(source) };
    },
  },
  zip: {
    // The sources zip is for Firefox Add-ons review: what builds the extension, without tests
    // or store listing assets.
    excludeSources: ['tests/**', 'artifacts/**', '.ci/**', 'coverage/**', 'store/**'],
  },
});
