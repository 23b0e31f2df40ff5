// The organisation tree (Organization.parentId): which organisations sit below one, at any depth.
// Read by oversight (decision 0069) and by administration (decision 0050).
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/database.js';
import { readDirectory } from './directory-cache.js';

export interface OrganizationTreeNode {
  readonly id: string;
  readonly parentId: string | null;
}

/** The ids below `rootId`, any depth, without `rootId` itself; a cycle in the data ends the walk. */
export function organizationsBelowIn(tree: readonly OrganizationTreeNode[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const o of tree) {
    if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
  }
  const seen = new Set<string>([rootId]);
  const below: string[] = [];
  const queue = [...(children.get(rootId) ?? [])];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    below.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return below;
}

export function loadOrganizationTree(db: Db): Promise<OrganizationTreeNode[]> {
  return db.organization.findMany({ select: { id: true, parentId: true } });
}

/**
 * The organisations below `organizationId`. From the directory cache when the context has one
 * (the app, the workers); read afresh otherwise (the CLI's narrower context).
 */
export async function organizationsBelow(
  ctx: Pick<AppContext, 'db'> & Partial<Pick<AppContext, 'config'>>,
  organizationId: string,
): Promise<string[]> {
  return readDirectory(ctx, `organizations-below:${organizationId}`, async () =>
    organizationsBelowIn(await loadOrganizationTree(ctx.db.prisma), organizationId),
  );
}
