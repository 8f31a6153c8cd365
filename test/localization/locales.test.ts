// The widget's 12 languages: every message translated in every XLIFF file, placeholders intact,
// the generated runtime modules in step with the files, and the language choice rules.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { directionOf, resolveLocale, supportedLocaleOf } from '../../src/localization/localization.js';
import { SUPPORTED_LOCALES } from '../../src/protocol/index.js';
import { negotiateLocale, parseAcceptLanguage } from '../../node/src/locale.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8')) as { sourceLocale: string; targetLocales: string[] };

/** The message ids the source code uses (msg(…, { id: '…' })). */
function sourceIds(): Set<string> {
  const ids = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/\bid: '([a-z0-9.-]+)'/g)) ids.add(m[1]!);
    }
  };
  walk(join(root, 'src/components'));
  return ids;
}

interface Unit {
  id: string;
  source: string;
  target: string | null;
}

function readXliff(locale: string): Unit[] {
  const xml = readFileSync(join(root, 'locales', `${locale}.xlf`), 'utf8');
  return [...xml.matchAll(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>\s*(?:<target>([\s\S]*?)<\/target>)?/g)].map((m) => ({
    id: m[1]!,
    source: m[2]!,
    target: m[3] ?? null,
  }));
}

const placeholders = (text: string) => [...text.matchAll(/<x id="(\d+)" equiv-text="([^"]*)"\/>/g)].map((m) => `${m[1]}=${m[2]}`).sort();

describe('locales', () => {
  test('the twelve languages the issue asks for, the same list on both sides of the wire', () => {
    assert.deepEqual([config.sourceLocale, ...config.targetLocales].sort(), [...SUPPORTED_LOCALES].sort());
    assert.deepEqual([...SUPPORTED_LOCALES].sort(), ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'ja', 'pt', 'ru', 'tr', 'zh']);
  });

  for (const locale of config.targetLocales) {
    test(`${locale}: every message of the source translated, placeholders intact, runtime module in step`, () => {
      const units = readXliff(locale);
      assert.deepEqual(new Set(units.map((u) => u.id)), sourceIds(), 'run `npm run localize:extract` and translate the new messages');
      for (const unit of units) {
        assert.ok(unit.target && unit.target.trim(), `${locale} ${unit.id}: no translation`);
        assert.notEqual(unit.target, unit.source, `${locale} ${unit.id}: left in English`);
        assert.deepEqual(placeholders(unit.target), placeholders(unit.source), `${locale} ${unit.id}: placeholders differ`);
      }
      const generated = readFileSync(join(root, 'src/generated/locales', `${locale}.ts`), 'utf8');
      for (const unit of units)
        assert.ok(generated.includes(`'${unit.id}'`), `${locale} ${unit.id} missing from src/generated: run \`npm run localize:build\``);
    });
  }

  test('language choice in the page: explicit if supported, else the page and browser languages, else English', () => {
    assert.equal(supportedLocaleOf('pt-BR'), 'pt');
    assert.equal(supportedLocaleOf('zh-Hans-CN'), 'zh');
    assert.equal(supportedLocaleOf('tlh'), null);
    assert.equal(resolveLocale('fr'), 'fr');
    assert.equal(resolveLocale('xx'), 'en');
    assert.equal(resolveLocale('auto', ['xx-YY', 'ja-JP', 'en-US']), 'ja');
    assert.equal(resolveLocale(undefined, []), 'en');
    assert.equal(directionOf('ar'), 'rtl');
    assert.equal(directionOf('hi'), 'ltr');
  });

  test('language choice on the node: the widget first, then Accept-Language by q-value', () => {
    assert.deepEqual(parseAcceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5'), ['fr-CH', 'fr', 'en']);
    assert.deepEqual(parseAcceptLanguage('en;q=0.1, ar;q=0.7, de;q=0'), ['ar', 'en']);
    assert.equal(negotiateLocale('es', 'fr'), 'es');
    assert.equal(negotiateLocale('auto', 'xx, ru;q=0.5'), 'ru');
    assert.equal(negotiateLocale(undefined, undefined), 'en');
  });
});
