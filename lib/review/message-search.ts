import "server-only";
import type { Db } from "../db/client";

// Search in message text through Message.searchVector, the stored
// to_tsvector('simple', content), and its GIN index (migration
// 20261206001500_message_search): whole words and phrases, case ignored,
// punctuation between words ignored.

/** Above this many matching messages (the planner's estimate) a term counts as common. */
export const COMMON_MESSAGES = 20_000;

/**
 * About how many messages hold every word of `q` (at most as many as hold its
 * rarest word), from the index's statistics without reading a row; 0 when
 * the text holds no word at all. Every word, not the phrase: the index finds
 * the messages with all the words and each of those is then read to check
 * their order, so that is the work a lookup would do. The planner's own
 * estimate multiplies the words' shares as if unrelated and undercounts
 * words that come together ("has shipped").
 */
export async function estimateMatchingMessages(db: Db, q: string): Promise<number> {
  const rows = await db.$queryRaw<{ word: string; share: number | null; floor: number | null; messages: number }[]>`
    WITH stats AS (
      SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
      FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'Message' AND attname = 'searchVector')
    SELECT w.word,
      (SELECT freqs[array_position(elems, w.word)] FROM stats)::float8 AS share,
      (SELECT freqs[array_length(elems, 1) + 1] FROM stats)::float8 AS floor,
      (SELECT reltuples FROM pg_class WHERE oid = '"Message"'::regclass)::float8 AS messages
    FROM unnest(tsvector_to_array(to_tsvector('simple', ${q}))) AS w(word)`;
  if (rows.length === 0) return 0;
  if (rows[0].floor === null) {
    // not analyzed yet (a small or new table): the planner's estimate will do
    const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM "Message" WHERE "searchVector" @@ plainto_tsquery('simple', $1)`,
      q,
    );
    return row["QUERY PLAN"][0].Plan["Plan Rows"];
  }
  // a word below the most common ones is rarer than the least common of them
  const rarest = Math.min(...rows.map((r) => r.share ?? r.floor! / 2));
  return Math.round(rarest * Math.max(0, rows[0].messages));
}

/** Up to `limit` trajectories with a message matching `q`, read from the index. */
export async function trajectoriesMatching(db: Db, q: string, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT "trajectoryId" AS id FROM "Message"
    WHERE "searchVector" @@ phraseto_tsquery('simple', ${q})
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Which of these trajectories have a message matching `q` (their messages are read one trajectory at a time). */
export async function whichMatch(db: Db, q: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT "trajectoryId" AS id FROM "Message"
    WHERE "trajectoryId" = ANY(${ids}::text[]) AND "searchVector" @@ phraseto_tsquery('simple', ${q})`;
  return new Set(rows.map((r) => r.id));
}
