import { createReadStream, type ReadStream } from 'node:fs';
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LakeFileQuery, LakeListing, LakeListingQuery, LakePreview, LakePreviewQuery, type LakeFileFormat } from '@duto/model';
import { LakeBrowser } from '../lake/lake-browser';
import { errorResponses } from './route-schemas';


const CONTENT_TYPES: Record<LakeFileFormat, string> = {
  jsonl: 'application/x-ndjson',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

/** The data-lake browser: where users confirm that their data landed. Watching only: viewers may. */
export const lakeRoutes: FastifyPluginAsyncTypebox<{ lakeDir: string }> = async (app, { lakeDir }) => {
  const lake = new LakeBrowser(lakeDir);

  app.get(
    '/api/lake',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'One folder of the data lake: its folders (partitions) and files, with size, time and record count.',
        tags: ['lake'],
        querystring: LakeListingQuery,
        response: { 200: LakeListing, ...errorResponses(400, 404) },
      },
    },
    async (request) => lake.list(request.query.path ?? ''),
  );

  app.get(
    '/api/lake/preview',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'The first records of a JSONL, CSV or Parquet file of the data lake, as JSON.',
        tags: ['lake'],
        querystring: LakePreviewQuery,
        response: { 200: LakePreview, ...errorResponses(400, 404, 422) },
      },
    },
    async (request) => lake.preview(request.query.path, request.query.limit ?? 100),
  );

  app.get(
    '/api/lake/download',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'A file of the data lake, as a download.',
        tags: ['lake'],
        querystring: LakeFileQuery,
        produces: ['application/octet-stream'],
        response: { 200: Type.Unsafe<ReadStream>({ type: 'string', format: 'binary', description: 'The file, as an attachment.' }), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const file = await lake.file(request.query.path);
      return reply
        .type(file.format ? CONTENT_TYPES[file.format] : 'application/octet-stream')
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename="${file.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(createReadStream(file.absolute));
    },
  );
};
