import "server-only";
import { z } from "zod";
import { idSchema } from "../actions/inputs";
import type { Db } from "../db/client";
import { listFilterQuery, parseListFilter } from "./filter";

// A saved view is a named list URL of one person. Saving a name again
// replaces that view's query.

export const TRAJECTORIES_PAGE = "trajectories";

export const saveViewSchema = z.object({
  name: z.string().trim().min(1, "Give the view a name").max(80),
  /** the list's query string, as in the address bar */
  query: z.string().max(4_000),
});
export type SaveViewInput = z.input<typeof saveViewSchema>;
export const viewRefSchema = z.object({ viewId: idSchema });
export type ViewRef = z.input<typeof viewRefSchema>;

export async function listSavedViews(db: Db, ownerId: string, page = TRAJECTORIES_PAGE) {
  return db.savedView.findMany({ where: { ownerId, page }, orderBy: { name: "asc" }, select: { id: true, name: true, query: true } });
}
export type SavedViewRow = Awaited<ReturnType<typeof listSavedViews>>[number];

export async function saveView(db: Db, ownerId: string, input: SaveViewInput, page = TRAJECTORIES_PAGE): Promise<SavedViewRow> {
  const { name, query } = saveViewSchema.parse(input);
  // stored canonical and without the page number: a view opens on its first page
  const canonical = listFilterQuery(parseListFilter(query), { page: undefined });
  return db.$transaction(async (tx) => {
    const existing = await tx.savedView.findFirst({ where: { ownerId, page, name }, select: { id: true } });
    const select = { id: true, name: true, query: true } as const;
    if (existing) return tx.savedView.update({ where: { id: existing.id }, data: { query: canonical }, select });
    return tx.savedView.create({ data: { ownerId, page, name, query: canonical }, select });
  });
}

/** Deletes one of the owner's views; false when it is not theirs or is gone. */
export async function deleteSavedView(db: Db, ownerId: string, id: string): Promise<boolean> {
  const { count } = await db.savedView.deleteMany({ where: { id, ownerId } });
  return count > 0;
}
