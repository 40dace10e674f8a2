import type { FactEntry } from './types';

// One reviewable JSON file per term; tests/unit/data/fact-set.test.ts validates every one.
const modules = import.meta.glob<FactEntry>('./terms/*.json', { eager: true, import: 'default' });

/** The bundled fact set, sorted by id. */
export const bundledEntries: readonly FactEntry[] = Object.values(modules).sort((a, b) => a.id.localeCompare(b.id));

/** Version of the bundled fact set, shown in the options page. */
export const FACT_SET_VERSION = '2026.11.26';

export { fuzzyExclusions } from './match-data';
