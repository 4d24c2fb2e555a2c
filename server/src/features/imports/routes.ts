// HTTP for ops' CSV imports, mounted on /ops/imports: templates, upload (raw text/csv or multipart, up to
// MAX_IMPORT_BYTES: the only route past the API's 2 MiB body limit, see app.ts), the history, one import
// with its rows page by page, apply, and the errors CSV. Ops only.

import { ZId } from '@portal/shared/schemas/common';
import {
  MAX_IMPORT_BYTES,
  ZImportKind,
  ZImportRowsQuery,
  ZImportUploadQuery,
} from '@portal/shared/schemas/imports';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { allow, requireRole } from '../../platform/auth/guards.ts';
import type { AppDeps, AppEnv } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { validate } from '../../platform/http/validate.ts';
import {
  applyImport,
  getImport,
  importErrorsCsv,
  importTemplate,
  listImportRows,
  listImports,
  startImport,
} from './service.ts';

/** The path app.ts lets past its 2 MiB body limit (this router applies its own). */
export const IMPORT_UPLOAD_PATH = '/api/ops/imports';

const csvHeaders = (fileName: string) => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`,
});

function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

const limitUpload = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', 'The file is too large (at most 64 MiB).');
  },
});

const ZImportParam = z.object({ id: ZId });

export function createImportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', allow('ops'), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ imports: await listImports(deps) }, 200);
    })
    .get('/templates/:kind', allow('ops'), validate('param', z.object({ kind: ZImportKind })), (c) => {
      requireRole(c, ['ops']);
      const { fileName, csv } = importTemplate(c.req.valid('param').kind);
      return c.body(csv, 200, csvHeaders(fileName));
    })
    .post('/', allow('ops'), limitUpload, validate('query', ZImportUploadQuery), async (c) => {
      const ops = requireRole(c, ['ops']);
      const { kind, fileName } = c.req.valid('query');
      const type = c.req.header('content-type') ?? '';
      let body: ReadableStream<Uint8Array> | null = null;
      let name = fileName;
      if (type.startsWith('multipart/form-data')) {
        const file = (await c.req.parseBody()).file;
        if (file instanceof File) {
          body = file.stream();
          if (file.name) name = file.name.slice(0, 200);
        }
      } else if (type.startsWith('text/csv') || type.startsWith('text/plain')) {
        body = c.req.raw.body;
      }
      if (!body) {
        throw new AppError('bad_request', 'Send the file as text/csv, or as the "file" field of a form.');
      }
      const started = await startImport(deps, ops, { kind, fileName: name, body });
      return c.json({ import: started }, 201);
    })
    .get('/:id', allow('ops'), validate('param', ZImportParam), async (c) => {
      requireRole(c, ['ops']);
      return c.json({ import: await getImport(deps, c.req.valid('param').id) }, 200);
    })
    .get(
      '/:id/rows',
      allow('ops'),
      validate('param', ZImportParam),
      validate('query', ZImportRowsQuery),
      async (c) => {
        requireRole(c, ['ops']);
        return c.json(await listImportRows(deps, c.req.valid('param').id, c.req.valid('query')), 200);
      },
    )
    .post('/:id/apply', allow('ops'), validate('param', ZImportParam), async (c) => {
      const ops = requireRole(c, ['ops']);
      return c.json({ import: await applyImport(deps, ops, c.req.valid('param').id) }, 200);
    })
    .get('/:id/errors.csv', allow('ops'), validate('param', ZImportParam), async (c) => {
      requireRole(c, ['ops']);
      const { fileName, chunks } = await importErrorsCsv(deps, c.req.valid('param').id);
      return c.body(textStream(chunks), 200, csvHeaders(fileName));
    });
}
