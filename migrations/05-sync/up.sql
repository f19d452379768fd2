-- gutlog schema: two computers, one diary (`gutlog sync`).
--
-- sync_device holds this diary's device id: it names the diary's own file in
-- a sync folder and marks the changes made here.
--
-- sync_versions holds, for each element of the diary that changed since it
-- was created, when it last changed and on which device; `deleted` = 1 is a
-- tombstone (the element was deleted then). An element is a record (meal,
-- symptom rating, stool, intake, plan run), a plan tick, a red flag, a habit
-- tick, one field of a check-in, or a food's remembered tags; `kind` and
-- `key` are as in the exchange format's "changed" and "deleted" lists. An
-- element without a row was never changed after it was made: it is older
-- than any change.
CREATE TABLE sync_device (
    only   INTEGER PRIMARY KEY NOT NULL CHECK (only = 1),
    device TEXT NOT NULL CHECK (length(device) BETWEEN 1 AND 64 AND device NOT GLOB '*[^0-9a-z-]*')
) STRICT;
INSERT INTO sync_device (only, device) VALUES (1, lower(hex(randomblob(8))));

CREATE TABLE sync_versions (
    kind       TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    key        TEXT NOT NULL CHECK (length(key) > 0),
    changed_at TEXT NOT NULL CHECK (changed_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'),
    device     TEXT NOT NULL CHECK (length(device) BETWEEN 1 AND 64 AND device NOT GLOB '*[^0-9a-z-]*'),
    deleted    INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    PRIMARY KEY (kind, key)
) STRICT, WITHOUT ROWID;
