// Reads a PDF the way a reader does (pdf.js, dev dependency): each page's size and its text, so tests can
// prove a document's words (Chinese included) are real text, its pages are A4 and none is empty.

import { createRequire } from 'node:module';
import { GlobalWorkerOptions, getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
GlobalWorkerOptions.workerSrc = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');

/** `paths`: how many vector paths the page draws (rules, boxes, bars, lines of charts). */
export type PdfPage = { width: number; height: number; text: string; paths: number };

export async function readPdf(bytes: Uint8Array): Promise<{ pages: PdfPage[]; text: string }> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= document.numPages; n += 1) {
    const page = await document.getPage(n);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
      .join('');
    const operators = await page.getOperatorList();
    const paths = operators.fnArray.filter((op) => op === OPS.constructPath).length;
    pages.push({ width: Math.round(x1 - x0), height: Math.round(y1 - y0), text, paths });
  }
  await document.destroy();
  return { pages, text: pages.map((p) => p.text).join('\n') };
}

/** Text without the spaces and line breaks a layout puts between runs, for matching words across runs. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
