// The baseline for bench/intake.ts: a bare Fastify route that only adds a BullMQ job. The ratio
// against it shows what validation, the durable store and encryption cost per submission.
import Fastify from 'fastify';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const queue = new Queue('intake', {
  connection: redis,
  prefix: process.env.QUEUE_PREFIX ?? 'bench-baseline',
});
const app = Fastify();
app.post('/api/submissions', async (request, reply) => {
  const body = request.body as { submissionId: string };
  await queue.add(
    'intake.process-submission',
    { submissionId: body.submissionId },
    { jobId: `submission-${body.submissionId}` },
  );
  return reply.status(202).send({ code: body.submissionId });
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`running at ${address}`);
const stop = async () => {
  await app.close();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await redis.quit();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
