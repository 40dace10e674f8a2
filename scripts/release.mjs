// `npm run release`: everything the stores take, from the repository in one command.
// Builds and zips Factlens for Chrome and Firefox (WXT also zips the sources for Firefox
// Add-ons review), checks what went into each zip, lints the Firefox build with Mozilla's
// add-on linter, and writes the zips and SHA256SUMS to .output/release/<version>/.
// --check-reproducible zips a second time and fails unless every byte is the same.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describeFinding, reviewLintReport } from './lib/lint-report.mjs';
import { zipEntries } from './lib/zip-entries.mjs';

const checkReproducible = process.argv.includes('--check-reproducible');
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const releaseDir = resolve('.output/release', version);
const zips = {
  chrome: resolve(`.output/${name}-${version}-chrome.zip`),
  firefox: resolve(`.output/${name}-${version}-firefox.zip`),
  sources: resolve(`.output/${name}-${version}-sources.zip`),
};
const ICON_SIZES = [16, 32, 48, 96, 128];
const problems = [];

/** Runs a command quietly; on failure prints what it said and stops. */
function run(command, args, { allowFailure = false } = {}) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1', CI: process.env.CI ?? 'true' },
  });
  if (result.status !== 0 && !allowFailure) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }
  return result.stdout;
}

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Builds and zips both browsers; returns the SHA-256 of each zip. */
function buildAndZip() {
  for (const browser of ['chrome', 'firefox']) {
    console.log(`Building and zipping for ${browser}...`);
    run('npx', ['wxt', 'zip', '-b', browser]);
  }
  return Object.fromEntries(Object.entries(zips).map(([kind, path]) => [kind, sha256(path)]));
}

const hashes = buildAndZip();

// The version in each manifest is the one in package.json.
for (const dir of ['chrome-mv3', 'firefox-mv3']) {
  const manifest = JSON.parse(readFileSync(join('.output', dir, 'manifest.json'), 'utf8'));
  if (manifest.version !== version)
    problems.push(`${dir}/manifest.json has version ${manifest.version}, not ${version}`);
}

// What each zip must and must not hold.
const expectInZip = (kind, required, forbidden) => {
  const entries = zipEntries(zips[kind]);
  for (const file of required) if (!entries.includes(file)) problems.push(`${basename(zips[kind])} lacks ${file}`);
  for (const file of entries.filter((entry) => forbidden.test(entry)))
    problems.push(`${basename(zips[kind])} holds ${file}, which it should not`);
  return entries;
};
const packaged = ['manifest.json', '_locales/en/messages.json', ...ICON_SIZES.map((size) => `icons/${size}.png`)];
expectInZip('chrome', packaged, /\.map$/);
expectInZip('firefox', packaged, /\.map$/);
const sources = expectInZip(
  'sources',
  ['package.json', 'package-lock.json', 'wxt.config.ts', 'assets/icon.svg', 'README.md'],
  /(^|\/)(tests|node_modules|\.output|artifacts|store)\/|\.(test|spec)\.[cm]?[jt]sx?$/,
);

// Mozilla's add-on linter on the Firefox build: no error, and no warning that is not known.
console.log('Linting the Firefox build (web-ext lint)...');
const lintOutput = run('npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--output', 'json'], {
  allowFailure: true,
});
const report = JSON.parse(lintOutput.slice(lintOutput.indexOf('{')));
const known = JSON.parse(readFileSync('scripts/known-lint-warnings.json', 'utf8')).warnings;
const lint = reviewLintReport(report, known);
console.log(
  `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
);
for (const { known: entry, findings } of lint.accepted) {
  if (findings.length === 0) {
    console.log(`  known warning no longer reported, remove it from scripts/known-lint-warnings.json: ${entry.code}`);
    continue;
  }
  console.log(`  known (${findings.length} of at most ${entry.max}) ${entry.code}: ${entry.message}`);
  for (const finding of findings) console.log(`    ${finding.file}${finding.line ? `:${finding.line}` : ''}`);
  console.log(`    why: ${entry.why}`);
}
for (const notice of report.notices ?? []) console.log(`  notice ${describeFinding(notice)}`);
for (const error of lint.errors) problems.push(`web-ext lint error ${describeFinding(error)}`);
for (const warning of lint.unexpected)
  problems.push(`web-ext lint warning not in the known list ${describeFinding(warning)}`);

if (checkReproducible) {
  console.log('Zipping again to check that the release is reproducible...');
  const again = buildAndZip();
  for (const kind of Object.keys(zips)) {
    if (again[kind] !== hashes[kind]) problems.push(`${basename(zips[kind])} differs between two runs`);
  }
  if (Object.keys(zips).every((kind) => again[kind] === hashes[kind])) {
    console.log('Reproducible: both runs gave byte-identical zips.');
  }
}

if (problems.length > 0) {
  console.error(`\nRelease ${version} failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}

rmSync(releaseDir, { recursive: true, force: true });
mkdirSync(releaseDir, { recursive: true });
const lines = [];
for (const kind of Object.keys(zips)) {
  const file = basename(zips[kind]);
  copyFileSync(zips[kind], join(releaseDir, file));
  lines.push(`${hashes[kind]}  ${file}`);
}
writeFileSync(join(releaseDir, 'SHA256SUMS'), `${lines.join('\n')}\n`);

console.log(`\nRelease ${version} in ${releaseDir} (sources zip: ${sources.length} files, no tests):`);
for (const kind of Object.keys(zips)) {
  const file = basename(zips[kind]);
  const bytes = statSync(join(releaseDir, file)).size;
  console.log(`  ${file.padEnd(32)} ${String(bytes).padStart(9)} bytes  sha256 ${hashes[kind]}`);
}
console.log('  SHA256SUMS (check with: sha256sum -c SHA256SUMS)');
