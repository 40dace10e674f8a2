import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Choice } from '@/components/Choice';
import { DetailLevelPicker } from '@/components/DetailLevelPicker';
import { FactCard } from '@/components/FactCard';
import { Glossary } from '@/components/Glossary';
import { ImportResult } from '@/components/ImportResult';
import { PackList } from '@/components/PackList';
import { SitesEditor } from '@/components/SitesEditor';
import { Switch } from '@/components/Switch';
import { bundledEntries, FACT_SET_VERSION } from '@/data';
import { CATEGORIES, type Category } from '@/data/types';
import { effectiveEntries, parsePack, readPacks } from '@/utils/custom-packs';
import { customPacksItem, type CustomPack } from '@/utils/pack-store';
import * as settings from '@/utils/settings';
import { applySettings, exportSettings, parseSettingsFile } from '@/utils/settings-file';
import { toSitePattern } from '@/utils/site-rules';
import { useSetting } from '@/utils/use-setting';

const CATEGORY_NAMES: Record<Category, string> = {
  treatment: 'Treatments and drugs',
  neurobiology: 'Neurobiology',
  neuromodulation: 'Neuromodulation',
  condition: 'Conditions, symptoms and measures',
  concept: 'Concepts',
};

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Options page: every setting of Factlens, saved as the reader changes it. */
export function App() {
  const [detailLevel, setDetailLevel] = useSetting(settings.detailLevelSetting);
  const [theme, setTheme] = useSetting(settings.themeSetting);
  const [fontSize, setFontSize] = useSetting(settings.fontSizeSetting);
  const [hoverDelay, setHoverDelay] = useSetting(settings.hoverDelaySetting);
  const [highlightStyle, setHighlightStyle] = useSetting(settings.highlightStyleSetting);
  const [density, setDensity] = useSetting(settings.densitySetting);
  const [hidden, setHidden] = useSetting(settings.hiddenCategoriesSetting);
  const [fuzzy, setFuzzy] = useSetting(settings.fuzzyMatchingSetting);
  const [context, setContext] = useSetting(settings.contextRuleSetting);
  const [skipCode, setSkipCode] = useSetting(settings.skipCodeSetting);
  const [siteMode, setSiteMode] = useSetting(settings.siteModeSetting);
  const [blocked, setBlocked] = useSetting(settings.blockedSitesSetting);
  const [allowed, setAllowed] = useSetting(settings.allowedSitesSetting);
  const [packs, setPacks] = useState<CustomPack[]>([]);
  const [resetNames, setResetNames] = useState<string[]>([]);
  const [packMessage, setPackMessage] = useState<{ errors: string[]; ok?: string }>({ errors: [] });
  const [backupMessage, setBackupMessage] = useState<{ errors: string[]; ok?: string }>({ errors: [] });
  const [shortcuts, setShortcuts] = useState<{ name: string; description: string; shortcut: string }[]>([]);

  useEffect(() => {
    void settings.resetCorruptSettings().then(setResetNames);
    void readPacks(bundledEntries).then(setPacks);
    const unwatch = customPacksItem.watch(() => void readPacks(bundledEntries).then(setPacks));
    void browser.commands
      .getAll()
      .then((commands) =>
        setShortcuts(
          commands.flatMap((command) =>
            command.name && command.name !== '_execute_action'
              ? [{ name: command.name, description: command.description ?? '', shortcut: command.shortcut ?? '' }]
              : [],
          ),
        ),
      );
    return unwatch;
  }, []);

  const entries = useMemo(() => effectiveEntries(bundledEntries, packs), [packs]);
  const lastReviewed = bundledEntries
    .map((entry) => entry.reviewed)
    .sort()
    .at(-1);
  const preview = bundledEntries.find((entry) => entry.id === 'ketamine') ?? bundledEntries[0];
  const savePacks = (next: CustomPack[]) => {
    setPacks(next);
    void customPacksItem.setValue(next);
  };

  const importPack = async (file: File | undefined) => {
    if (!file) return;
    const result = parsePack(file.name, await file.text(), bundledEntries, packs);
    if (!result.ok) {
      setPackMessage({ errors: result.errors });
      return;
    }
    savePacks([...packs, result.pack]);
    setPackMessage({ errors: [], ok: `Imported "${result.pack.name}" with ${result.pack.entries.length} terms.` });
  };
  const importSettings = async (file: File | undefined) => {
    if (!file) return;
    const result = parseSettingsFile(await file.text());
    if (!result.ok) {
      setBackupMessage({ errors: result.errors });
      return;
    }
    await applySettings(result.values);
    setBackupMessage({ errors: [], ok: `Imported ${Object.keys(result.values).length} settings.` });
  };

  if (
    detailLevel === undefined ||
    theme === undefined ||
    fontSize === undefined ||
    hoverDelay === undefined ||
    highlightStyle === undefined ||
    density === undefined ||
    hidden === undefined ||
    fuzzy === undefined ||
    context === undefined ||
    skipCode === undefined ||
    siteMode === undefined ||
    blocked === undefined ||
    allowed === undefined
  ) {
    return null;
  }

  return (
    <main>
      <h1>Factlens settings</h1>
      <p class="muted">Changes are saved at once and apply to open pages without reloading them.</p>
      {resetNames.length > 0 ? (
        <p class="notice" role="alert">
          Some stored settings could not be read and were put back to their defaults: {resetNames.join(', ')}. Your
          other settings are unchanged.
        </p>
      ) : null}

      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading">Cards</h2>
        <DetailLevelPicker value={detailLevel} onChange={setDetailLevel} />
        {preview ? (
          <div class="preview" aria-label="Preview of a card">
            <FactCard entry={preview} level={detailLevel} headingId="preview-card-title" />
          </div>
        ) : null}
        <Choice
          legend="Theme"
          name="theme"
          value={theme}
          onChange={setTheme}
          options={[
            { value: 'auto', label: 'Automatic', description: "Follows the page's background, then your system." },
            { value: 'light', label: 'Light' },
            { value: 'dark', label: 'Dark' },
          ]}
        />
        <label class="range">
          Text size: {fontSize} px{' '}
          <input
            type="range"
            min={12}
            max={22}
            value={fontSize}
            onInput={(event) => setFontSize(Number(event.currentTarget.value))}
          />
        </label>
        <label class="range">
          Hover delay: {hoverDelay} ms{' '}
          <input
            type="range"
            min={0}
            max={1000}
            step={50}
            value={hoverDelay}
            onInput={(event) => setHoverDelay(Number(event.currentTarget.value))}
          />
        </label>
      </section>

      <section aria-labelledby="marking-heading">
        <h2 id="marking-heading">Marking</h2>
        <Choice
          legend="Highlight style"
          name="highlight-style"
          value={highlightStyle}
          onChange={setHighlightStyle}
          options={[
            { value: 'underline', label: 'Dotted underline' },
            { value: 'background', label: 'Background colour' },
            { value: 'none', label: 'None', description: 'Terms stay unmarked; cards still open on hover.' },
          ]}
        />
        <Choice
          legend="Density"
          name="density"
          value={density}
          onChange={setDensity}
          options={[
            { value: 'all', label: 'Every occurrence' },
            { value: 'first', label: 'First occurrence of each term' },
          ]}
        />
        <fieldset>
          <legend>Categories</legend>
          {CATEGORIES.map((category) => (
            <label key={category} class="choice">
              <input
                type="checkbox"
                checked={!hidden.includes(category)}
                onChange={(event) =>
                  setHidden(event.currentTarget.checked ? hidden.filter((c) => c !== category) : [...hidden, category])
                }
              />
              <span class="choice-name">{CATEGORY_NAMES[category]}</span>
            </label>
          ))}
        </fieldset>
        <Switch
          label="Light misspellings"
          description='Also marks "ketamin", "seratonin" and the like.'
          checked={fuzzy}
          onChange={setFuzzy}
        />
        <Switch
          label="Context rule for ambiguous abbreviations"
          description="TMS, ECT, PCP and the like are marked only where the page is about the medical sense."
          checked={context}
          onChange={setContext}
        />
        <Switch
          label="Skip code blocks"
          description="Leaves text in code and pre blocks unmarked."
          checked={skipCode}
          onChange={setSkipCode}
        />
      </section>

      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">Sites</h2>
        <Choice
          legend="Where Factlens runs"
          name="site-mode"
          value={siteMode}
          onChange={setSiteMode}
          options={[
            { value: 'everywhere-except', label: 'Everywhere except the sites below' },
            { value: 'only-listed', label: 'Only on the sites below' },
          ]}
        />
        {siteMode === 'only-listed' ? (
          <SitesEditor label="Allow a site:" sites={allowed} toPattern={toSitePattern} onChange={setAllowed} />
        ) : (
          <SitesEditor label="Turn off on a site:" sites={blocked} toPattern={toSitePattern} onChange={setBlocked} />
        )}
      </section>

      <section aria-labelledby="glossary-heading">
        <h2 id="glossary-heading">Glossary</h2>
        <p class="muted">
          {entries.length} terms ({bundledEntries.length} bundled). Fact set version {FACT_SET_VERSION}, last reviewed{' '}
          {lastReviewed}.
        </p>
        <Glossary entries={entries} level={detailLevel} />
      </section>

      <section aria-labelledby="packs-heading">
        <h2 id="packs-heading">Custom fact packs</h2>
        <p class="muted">
          A pack is a JSON file in the format of the bundled fact set (see data/README.md in the source). It is checked
          like the bundled set; a file with errors changes nothing. A pack term with the same id as a bundled term
          replaces it while the pack is on; an alias that another bundled term already uses is an error.
        </p>
        <label>
          Import a pack{' '}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(event) => void importPack(event.currentTarget.files?.[0])}
          />
        </label>
        <ImportResult result={packMessage} failure="The pack was not imported:" />
        <PackList
          packs={packs}
          onToggle={(id, enabled) => savePacks(packs.map((pack) => (pack.id === id ? { ...pack, enabled } : pack)))}
          onExport={(id) => {
            const pack = packs.find((p) => p.id === id);
            if (pack)
              download(`${pack.id}.json`, `${JSON.stringify({ name: pack.name, entries: pack.entries }, null, 2)}\n`);
          }}
          onDelete={(id) => savePacks(packs.filter((pack) => pack.id !== id))}
        />
      </section>

      <section aria-labelledby="backup-heading">
        <h2 id="backup-heading">Back up settings</h2>
        <div class="button-row">
          <button
            type="button"
            onClick={() => void exportSettings().then((text) => download('factlens-settings.json', text))}
          >
            Export settings
          </button>
          <label>
            Import settings{' '}
            <input
              type="file"
              accept="application/json,.json"
              onChange={(event) => void importSettings(event.currentTarget.files?.[0])}
            />
          </label>
        </div>
        <ImportResult result={backupMessage} failure="The file was not imported; nothing changed:" />
      </section>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keyboard shortcuts</h2>
        <ul>
          {shortcuts.map((command) => (
            <li key={command.name}>
              {command.description}: <kbd>{command.shortcut || 'not set'}</kbd>
            </li>
          ))}
        </ul>
        <p class="muted">
          Change them in Chrome at chrome://extensions/shortcuts, or in Firefox under Add-ons, the gear menu, Manage
          Extension Shortcuts.
        </p>
      </section>
    </main>
  );
}
