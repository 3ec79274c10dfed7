-- Full-text search over message text (lib/review/message-search.ts): whole
-- words and phrases, case ignored, with the language-neutral 'simple'
-- configuration (no stemming, no stop words). The words are stored, not only
-- indexed: the index finds the messages holding every word, and a phrase's
-- order (or a trajectory's messages, when a common word is checked page by
-- page) is then checked on the stored vector instead of parsing the text again.
-- Adding the column rewrites the table: minutes for millions of messages.
ALTER TABLE "Message" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "content")) STORED;

CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");
