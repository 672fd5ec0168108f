import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { SecretName, SecretSummary, SecretValueBody } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import type { SecretStore } from '../secrets/secret-store';
import { errorResponses } from './route-schemas';

export interface SecretRoutesOptions {
  secrets: SecretStore;
  /** The pipelines whose newest version names the secret. */
  usedBy: (name: string) => string[];
}

const NameParams = Type.Object({ name: SecretName });

/** Named secrets for stage configs (`{ "secret": name }`): names and dates are listed, values never leave. */
export const secretRoutes: FastifyPluginAsyncTypebox<SecretRoutesOptions> = async (app, { secrets, usedBy }) => {
  app.get(
    '/api/secrets',
    { config: { access: 'editor' }, schema: { summary: 'The names of the stored secrets (never their values).', tags: ['secrets'], response: { 200: Type.Array(SecretSummary), ...errorResponses(401, 403) } } },
    async () => secrets.list(),
  );

  app.put(
    '/api/secrets/:name',
    {
      config: { access: 'editor' },
      schema: {
        summary: 'Create or replace a secret\'s value; stored encrypted, never returned.',
        tags: ['secrets'],
        params: NameParams,
        body: SecretValueBody,
        response: { 200: SecretSummary, 201: SecretSummary, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const outcome = secrets.put(name, request.body.value);
      request.audit('secret.update', name, { created: outcome === 'created' });
      return reply.status(outcome === 'created' ? 201 : 200).send(secrets.list().find((s) => s.name === name)!);
    },
  );

  app.delete(
    '/api/secrets/:name',
    {
      config: { access: 'editor' },
      schema: { summary: 'Delete a secret that no pipeline uses.', tags: ['secrets'], params: NameParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const { name } = request.params;
      const users = usedBy(name);
      if (users.length > 0) throw ApiError.single(409, ErrorCodes.conflict, `secret "${name}" is used by the pipelines ${users.join(', ')}; change them first`);
      if (!secrets.delete(name)) throw ApiError.single(404, ErrorCodes.notFound, `no secret is named "${name}"`);
      request.audit('secret.delete', name);
      return reply.status(204).send(null);
    },
  );
};
