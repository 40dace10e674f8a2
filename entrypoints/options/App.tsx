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
import { CATEGORIES } from '@/data/types';
import { effectiveEntries, parsePack, readPacks } from '@/utils/custom-packs';
import { categoryName, t } from '@/utils/i18n';
import { customPacksItem, type CustomPack } from '@/utils/pack-store';
import * as settings from '@/utils/settings';
import { applySettings, exportSettings, parseSettingsFile } from '@/utils/settings-file';
import { toSitePattern } from '@/utils/site-rules';
import { useSetting } from '@/utils/use-setting';

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
    setPackMessage({ errors: [], ok: t('optionsPackImported', [result.pack.name, result.pack.entries.length]) });
  };
  const importSettings = async (file: File | undefined) => {
    if (!file) return;
    const result = parseSettingsFile(await file.text());
    if (!result.ok) {
      setBackupMessage({ errors: result.errors });
      return;
    }
    await applySettings(result.values);
    setBackupMessage({ errors: [], ok: t('optionsSettingsImported', Object.keys(result.values).length) });
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
      <h1>{t('optionsTitle')}</h1>
      <p class="muted">{t('optionsSavedAtOnce')}</p>
      {resetNames.length > 0 ? (
        <p class="notice" role="alert">
          {t('optionsResetNotice', resetNames.join(', '))}
        </p>
      ) : null}

      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading">{t('optionsCardsHeading')}</h2>
        <DetailLevelPicker value={detailLevel} onChange={setDetailLevel} />
        {preview ? (
          <div class="preview" aria-label={t('optionsPreview')}>
            <FactCard entry={preview} level={detailLevel} headingId="preview-card-title" />
          </div>
        ) : null}
        <Choice
          legend={t('optionsTheme')}
          name="theme"
          value={theme}
          onChange={setTheme}
          options={[
            { value: 'auto', label: t('optionsThemeAuto'), description: t('optionsThemeAutoDescription') },
            { value: 'light', label: t('optionsThemeLight') },
            { value: 'dark', label: t('optionsThemeDark') },
          ]}
        />
        <label class="range">
          {t('optionsTextSize', fontSize)}{' '}
          <input
            type="range"
            min={12}
            max={22}
            value={fontSize}
            onInput={(event) => setFontSize(Number(event.currentTarget.value))}
          />
        </label>
        <label class="range">
          {t('optionsHoverDelay', hoverDelay)}{' '}
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
        <h2 id="marking-heading">{t('optionsMarkingHeading')}</h2>
        <Choice
          legend={t('optionsHighlightStyle')}
          name="highlight-style"
          value={highlightStyle}
          onChange={setHighlightStyle}
          options={[
            { value: 'background', label: t('optionsHighlightBackground') },
            {
              value: 'underline',
              label: t('optionsHighlightUnderline'),
              description: t('optionsHighlightUnderlineDescription'),
            },
            { value: 'none', label: t('optionsHighlightNone'), description: t('optionsHighlightNoneDescription') },
          ]}
        />
        <Choice
          legend={t('optionsDensity')}
          name="density"
          value={density}
          onChange={setDensity}
          options={[
            { value: 'all', label: t('optionsDensityAll') },
            { value: 'first', label: t('optionsDensityFirst') },
          ]}
        />
        <fieldset>
          <legend>{t('optionsCategories')}</legend>
          {CATEGORIES.map((category) => (
            <label key={category} class="choice">
              <input
                type="checkbox"
                checked={!hidden.includes(category)}
                onChange={(event) =>
                  setHidden(event.currentTarget.checked ? hidden.filter((c) => c !== category) : [...hidden, category])
                }
              />
              <span class="choice-name">{categoryName(category)}</span>
            </label>
          ))}
        </fieldset>
        <Switch
          label={t('optionsFuzzy')}
          description={t('optionsFuzzyDescription')}
          checked={fuzzy}
          onChange={setFuzzy}
        />
        <Switch
          label={t('optionsContextRule')}
          description={t('optionsContextRuleDescription')}
          checked={context}
          onChange={setContext}
        />
        <Switch
          label={t('optionsSkipCode')}
          description={t('optionsSkipCodeDescription')}
          checked={skipCode}
          onChange={setSkipCode}
        />
      </section>

      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('optionsSitesHeading')}</h2>
        <Choice
          legend={t('optionsSiteMode')}
          name="site-mode"
          value={siteMode}
          onChange={setSiteMode}
          options={[
            { value: 'everywhere-except', label: t('optionsSiteModeExcept') },
            { value: 'only-listed', label: t('optionsSiteModeOnly') },
          ]}
        />
        {siteMode === 'only-listed' ? (
          <SitesEditor label={t('optionsAllowSite')} sites={allowed} toPattern={toSitePattern} onChange={setAllowed} />
        ) : (
          <SitesEditor label={t('optionsBlockSite')} sites={blocked} toPattern={toSitePattern} onChange={setBlocked} />
        )}
      </section>

      <section aria-labelledby="glossary-heading">
        <h2 id="glossary-heading">{t('optionsGlossaryHeading')}</h2>
        <p class="muted">
          {t('optionsGlossaryStats', [entries.length, bundledEntries.length, FACT_SET_VERSION, lastReviewed ?? ''])}
        </p>
        <Glossary entries={entries} level={detailLevel} />
      </section>

      <section aria-labelledby="packs-heading">
        <h2 id="packs-heading">{t('optionsPacksHeading')}</h2>
        <p class="muted">{t('optionsPacksHelp')}</p>
        <label>
          {t('optionsImportPack')}{' '}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(event) => void importPack(event.currentTarget.files?.[0])}
          />
        </label>
        <ImportResult result={packMessage} failure={t('optionsPackNotImported')} />
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
        <h2 id="backup-heading">{t('optionsBackupHeading')}</h2>
        <div class="button-row">
          <button
            type="button"
            onClick={() => void exportSettings().then((text) => download('factlens-settings.json', text))}
          >
            {t('optionsExportSettings')}
          </button>
          <label>
            {t('optionsImportSettings')}{' '}
            <input
              type="file"
              accept="application/json,.json"
              onChange={(event) => void importSettings(event.currentTarget.files?.[0])}
            />
          </label>
        </div>
        <ImportResult result={backupMessage} failure={t('optionsSettingsNotImported')} />
      </section>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t('optionsKeysHeading')}</h2>
        <ul>
          {shortcuts.map((command) => (
            <li key={command.name}>
              {command.description}: <kbd>{command.shortcut || t('optionsShortcutNotSet')}</kbd>
            </li>
          ))}
        </ul>
        <p class="muted">{t('optionsKeysHelp')}</p>
      </section>
    </main>
  );
}
