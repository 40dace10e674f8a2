import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DetailLevelPicker } from '@/components/DetailLevelPicker';
import { Switch } from '@/components/Switch';
import { TermList } from '@/components/TermList';
import { bundledEntries } from '@/data';
import type { FactEntry } from '@/data/types';
import { effectiveEntries, readPacks } from '@/utils/custom-packs';
import { formatDuration, t } from '@/utils/i18n';
import { sendMessage, type PageInfo } from '@/utils/messages';
import {
  allowedSitesSetting,
  blockedSitesSetting,
  detailLevelSetting,
  enabledSetting,
  pausedUntilSetting,
  siteModeSetting,
} from '@/utils/settings';
import { isPaused, matchesSite, nextMidnight } from '@/utils/site-rules';
import { useSetting } from '@/utils/use-setting';

type TabState = { kind: 'loading' } | { kind: 'restricted' } | { kind: 'page'; tabId: number; info: PageInfo };

const HOUR = 60 * 60 * 1000;

/**
 * The tab the popup is about: the active tab, or the one named by `?tab=ID` (the popup page
 * opened in a tab of its own, as the end-to-end tests do).
 */
async function targetTabId(): Promise<number | undefined> {
  const requested = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(requested) && requested > 0) return requested;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The page info of the tab, or "restricted" where extensions cannot run. */
function useActiveTab(refreshKey: unknown): TabState {
  const [state, setState] = useState<TabState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void (async () => {
      const tabId = await targetTabId();
      if (tabId === undefined) return live && setState({ kind: 'restricted' });
      try {
        const info = await sendMessage('getPageInfo', undefined, { tabId, frameId: 0 });
        if (live) setState({ kind: 'page', tabId, info });
      } catch {
        if (live) setState({ kind: 'restricted' });
      }
    })();
    return () => {
      live = false;
    };
  }, [refreshKey]);
  return state;
}

/** The brief text of every term (bundled and enabled packs), for the previews. */
function useBriefs(): Map<string, string> {
  const [entries, setEntries] = useState<readonly FactEntry[]>(bundledEntries);
  useEffect(() => {
    void readPacks(bundledEntries).then((packs) => setEntries(effectiveEntries(bundledEntries, packs)));
  }, []);
  return new Map(entries.map((entry) => [entry.id, entry.levels.brief.map((claim) => claim.text).join(' ')]));
}

/** Toolbar popup: on/off everywhere, for this site and for a while; detail level; terms on this page. */
export function App() {
  const [enabled, setEnabled] = useSetting(enabledSetting);
  const [pausedUntil, setPausedUntil] = useSetting(pausedUntilSetting);
  const [siteMode] = useSetting(siteModeSetting);
  const [blocked, setBlocked] = useSetting(blockedSitesSetting);
  const [allowed, setAllowed] = useSetting(allowedSitesSetting);
  const [level, setLevel] = useSetting(detailLevelSetting);
  const [now, setNow] = useState(Date.now());
  const briefs = useBriefs();
  const tab = useActiveTab(`${enabled}-${pausedUntil}-${blocked?.join()}-${allowed?.join()}-${siteMode}`);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (enabled === undefined || pausedUntil === undefined || blocked === undefined || allowed === undefined) return null;

  const pause = (until: number) => {
    setNow(Date.now());
    setPausedUntil(until);
  };
  const paused = isPaused(pausedUntil, now);
  const host = tab.kind === 'page' ? tab.info.hostname : '';
  const onlyListed = siteMode === 'only-listed';
  const siteOn =
    host !== '' &&
    (onlyListed ? allowed.some((p) => matchesSite(host, p)) : !blocked.some((p) => matchesSite(host, p)));
  const toggleSite = () => {
    if (onlyListed) setAllowed(siteOn ? allowed.filter((p) => !matchesSite(host, p)) : [...allowed, host]);
    else setBlocked(siteOn ? [...blocked, host] : blocked.filter((p) => !matchesSite(host, p)));
  };

  return (
    <main>
      <h1>{t('extName')}</h1>
      <Switch
        label={t('popupOn')}
        description={enabled ? t('popupOnDescription') : t('popupOffDescription')}
        checked={enabled}
        onChange={setEnabled}
      />
      {tab.kind === 'restricted' ? (
        <p class="notice" role="note">
          {t('popupRestricted')}
        </p>
      ) : null}
      {host ? (
        <section class="popup-section" aria-label={t('popupThisSite')}>
          <Switch label={t('popupOnForSite', host)} checked={siteOn} onChange={toggleSite} />
        </section>
      ) : null}
      <section class="popup-section" aria-label={t('popupPause')}>
        {paused ? (
          <p class="paused">
            <span>{t('popupPausedLeft', formatDuration(pausedUntil - now))}</span>{' '}
            <button type="button" class="link-button" onClick={() => setPausedUntil(0)}>
              {t('popupResume')}
            </button>
          </p>
        ) : (
          <div class="button-row">
            <button type="button" onClick={() => pause(Date.now() + HOUR)}>
              {t('popupPauseHour')}
            </button>
            <button type="button" onClick={() => pause(nextMidnight(Date.now()))}>
              {t('popupPauseTomorrow')}
            </button>
          </div>
        )}
      </section>
      {level === undefined ? null : <DetailLevelPicker value={level} onChange={setLevel} compact />}
      {tab.kind === 'page' && tab.info.running ? (
        <section class="popup-section" aria-labelledby="terms-heading">
          <h2 id="terms-heading">{t('popupTermsHeading')}</h2>
          <TermList
            terms={tab.info.terms.map((term) => ({ ...term, brief: briefs.get(term.entryId) ?? '' }))}
            onShow={(entryId) => {
              void sendMessage('showTerm', entryId, { tabId: tab.tabId, frameId: 0 }).catch(() => {});
              window.close();
            }}
          />
        </section>
      ) : null}
      <footer class="popup-footer">
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('settings')}
        </button>
      </footer>
    </main>
  );
}
