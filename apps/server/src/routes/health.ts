import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health } from '@duto/model';
import { anyBrokerReachable } from '@duto/kafka';

export const healthRoutes: FastifyPluginAsyncTypebox<{ kafkaBrokers: string[] }> = async (app, { kafkaBrokers }) => {
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { summary: 'Liveness and Kafka reachability; needs no login.', tags: ['system'], response: { 200: Health } } },
    async () => ({ status: 'ok' as const, kafka: { brokers: kafkaBrokers, reachable: await anyBrokerReachable(kafkaBrokers) } }),
  );
};
