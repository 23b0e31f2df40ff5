// A client whose raw statements pass through `around` first. `queryRows` sends the statements of a
// client it does not know through `$queryRaw` (src/db/raw-sql.ts), so a test sees each of them:
// to count a statement, or to make one fail.
import type { AppContext } from '../../src/app-context.js';
import type { Prisma } from '../../src/db/generated/client.js';

type Client = AppContext['db']['prisma'];

export function interceptRawQueries(
  prisma: Client,
  around: (query: Prisma.Sql, run: () => Promise<unknown>) => Promise<unknown>,
): Client {
  return new Proxy(prisma, {
    get(target, key, receiver) {
      if (key !== '$queryRaw') return Reflect.get(target, key, receiver);
      return (query: Prisma.Sql) => around(query, () => target.$queryRaw(query));
    },
  });
}
