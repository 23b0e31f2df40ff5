// The directory as a tree of organisations (managing body above), each with its units and staff.
// What an administrator checks after setting things up; no personal data beyond names and titles.
import { AppError } from '../core/app-error.js';
import type { OrganizationKind, Role, UnitKind } from '../db/generated/enums.js';
import type { DirectoryContext } from './directory-context.js';
import { listDirectory } from './directory.repository.js';

export interface DirectoryUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  active: boolean;
  telegramGroupLinked: boolean;
  hotlineNumbers: string[];
}

export interface DirectoryStaff {
  id: string;
  fullName: string;
  title: string | null;
  active: boolean;
  telegramLinked: boolean;
  roles: { role: Role; unitCode: string | null }[];
}

export interface DirectoryOrganization {
  id: string;
  code: string;
  name: string;
  kind: OrganizationKind;
  place: string | null;
  hotlineNumbers: string[];
  parentId: string | null;
  units: DirectoryUnit[];
  staff: DirectoryStaff[];
  children: DirectoryOrganization[];
}

/** Every root organisation with its subtree, or the subtree of `organizationCode`. */
export async function listDirectoryTree(
  ctx: Pick<DirectoryContext, 'db'>,
  options: { organizationCode?: string } = {},
): Promise<DirectoryOrganization[]> {
  const rows = await listDirectory(ctx.db.prisma);
  const nodes = new Map<string, DirectoryOrganization>(
    rows.map((o) => [
      o.id,
      {
        id: o.id,
        code: o.code,
        name: o.name,
        kind: o.kind,
        place: o.place,
        hotlineNumbers: o.hotlineNumbers,
        parentId: o.parentId,
        units: o.units.map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          kind: u.kind,
          active: u.active,
          telegramGroupLinked: u.telegramChatId !== null,
          hotlineNumbers: u.hotlineNumbers,
        })),
        staff: o.staff.map((s) => ({
          id: s.id,
          fullName: s.fullName,
          title: s.title,
          active: s.active,
          telegramLinked: s.telegramUserId !== null,
          roles: s.roles.map((r) => ({ role: r.role, unitCode: r.unit?.code ?? null })),
        })),
        children: [],
      },
    ]),
  );
  const roots: DirectoryOrganization[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  if (!options.organizationCode) return roots;
  const wanted = options.organizationCode.toLowerCase();
  const found = [...nodes.values()].find((n) => n.code.toLowerCase() === wanted);
  if (!found) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${options.organizationCode}".`);
  return [found];
}
