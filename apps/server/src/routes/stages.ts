import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { StageCatalogEntry, type StageCatalog } from '@duto/model';

export const stageRoutes: FastifyPluginAsyncTypebox<{ catalog: StageCatalog }> = async (app, { catalog }) => {
  // The catalog never changes while the server runs: build the answer once.
  const entries: StageCatalogEntry[] = catalog.all().map((d) => ({
    type: d.type,
    category: d.category,
    label: d.label,
    description: d.description,
    icon: d.icon,
    outputs: d.outputs,
    configSchema: d.configSchema,
    examples: d.examples as object[],
  }));
  app.get(
    '/api/stages',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'The stage catalog: every stage type with its config JSON Schema.',
        tags: ['stages'],
        response: { 200: Type.Array(StageCatalogEntry) },
      },
    },
    async () => entries,
  );
};
