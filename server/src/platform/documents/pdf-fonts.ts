// Fonts for PDF documents: Noto Sans SC (OFL-1.1, from the @fontsource/noto-sans-sc package) covers Latin and
// Chinese alike, so a Chinese legal name and address print as real, searchable text. Fontsource ships the font
// in slices: Latin ones, one "chinese-simplified" file with the common characters, and numbered slices by
// Unicode range (its unicode.json) for the rest. A string is cut into runs, each drawn with a slice that
// holds its characters. The WOFF 1.0 files are used, unpacked once into plain OpenType with node:zlib:
// fontkit (what pdfkit embeds with) subsets those correctly and fast, whereas it writes empty glyphs from WOFF2
// and re-inflates a WOFF table, in JavaScript, on every glyph it reads (seconds per document).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

export type FontWeight = 400 | 700;
export type TextRun = { font: string; text: string };

type Slice = { name: string; from: number; to: number };

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
const COMMON_CHINESE = 'chinese-simplified';
/** Below the CJK blocks a character is looked up in its range slice first (Latin, Cyrillic, …). */
const FIRST_CJK = 0x2e80;

let slices: Slice[] | null = null;
const fileCache = new Map<string, Buffer>();
const fontCache = new Map<string, fontkit.Font | null>();
const choiceCache = new Map<string, string>();

/** Unicode ranges of the slices, read once: `{"[12]": "U+4e00-4e3f,U+4e45", "latin": "U+0000-00FF,…"}`. */
function loadSlices(): Slice[] {
  if (slices) return slices;
  const table = JSON.parse(readFileSync(join(packageDir, 'unicode.json'), 'utf8')) as Record<string, string>;
  const result: Slice[] = [];
  // Latin first: where ranges overlap, ASCII draws with the latin slice.
  const names = Object.keys(table).sort((a, b) => Number(b === 'latin') - Number(a === 'latin'));
  for (const key of names) {
    const name = key.replace(/^\[(\d+)\]$/, '$1');
    for (const part of (table[key] ?? '').split(',')) {
      const match = /^U\+([0-9a-f]+)(?:-([0-9a-f]+))?$/i.exec(part.trim());
      if (!match?.[1]) continue;
      result.push({
        name,
        from: Number.parseInt(match[1], 16),
        to: Number.parseInt(match[2] ?? match[1], 16),
      });
    }
  }
  slices = result;
  return result;
}

function fontKey(weight: FontWeight, slice: string): string {
  return `noto-${weight}-${slice}`;
}

/**
 * A WOFF 1.0 font unpacked into the OpenType (sfnt) font it wraps: the same tables, inflated, behind a plain
 * table directory (W3C WOFF 1.0, section 5; the OpenType table directory).
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(stored) : stored,
    };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const at = 12 + i * 16;
    table.tag.copy(header, at);
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padding = (4 - (table.data.length % 4)) % 4;
    parts.push(table.data, Buffer.alloc(padding));
    offset += table.data.length + padding;
  });
  return Buffer.concat(parts);
}

/** One slice as an OpenType font (unpacked once, then kept in memory); pdfkit registers fonts from these. */
export function fontFile(key: string): Buffer {
  const cached = fileCache.get(key);
  if (cached) return cached;
  const match = /^noto-(\d+)-(.+)$/.exec(key);
  if (!match) throw new Error(`not a document font: ${key}`);
  const bytes = woffToSfnt(
    readFileSync(join(packageDir, 'files', `noto-sans-sc-${match[2]}-${match[1]}-normal.woff`)),
  );
  fileCache.set(key, bytes);
  return bytes;
}

/** The parsed slice, or null when the file cannot be read (one numbered slice has no usable cmap). */
function openFont(key: string): fontkit.Font | null {
  if (fontCache.has(key)) return fontCache.get(key) ?? null;
  let font: fontkit.Font | null = null;
  try {
    const parsed = fontkit.create(fontFile(key));
    if ('hasGlyphForCodePoint' in parsed) {
      parsed.hasGlyphForCodePoint(0x20);
      font = parsed;
    }
  } catch {
    font = null;
  }
  fontCache.set(key, font);
  return font;
}

function hasGlyph(key: string, codePoint: number): boolean {
  try {
    return openFont(key)?.hasGlyphForCodePoint(codePoint) ?? false;
  } catch {
    return false;
  }
}

/** The slice to draw a character with: the common Chinese file for CJK, else its range slice; Latin last. */
function fontFor(codePoint: number, weight: FontWeight): string {
  const cacheKey = `${weight}:${codePoint}`;
  const cached = choiceCache.get(cacheKey);
  if (cached) return cached;
  const rangeSlice = loadSlices().find((s) => codePoint >= s.from && codePoint <= s.to)?.name;
  const order = codePoint >= FIRST_CJK ? [COMMON_CHINESE, rangeSlice] : [rangeSlice, COMMON_CHINESE];
  const chosen =
    order
      .filter((name): name is string => name !== undefined)
      .map((name) => fontKey(weight, name))
      .find((key) => hasGlyph(key, codePoint)) ?? fontKey(weight, 'latin');
  choiceCache.set(cacheKey, chosen);
  return chosen;
}

/**
 * Cuts text into runs of one slice each. A space or punctuation mark that the current slice also holds stays
 * in the current run, so a Chinese address is one or a few runs rather than one per character.
 */
export function textRuns(text: string, weight: FontWeight): TextRun[] {
  const runs: TextRun[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0x20;
    const last = runs[runs.length - 1];
    const isNeutral = codePoint < 0x80 && !/[0-9A-Za-z]/.test(char);
    const font = last && isNeutral && hasGlyph(last.font, codePoint) ? last.font : fontFor(codePoint, weight);
    if (last && last.font === font) last.text += char;
    else runs.push({ font, text: char });
  }
  return runs;
}
