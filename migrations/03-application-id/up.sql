-- gutlog schema, version 3: mark the file as a gutlog diary ("GUTL"), so
-- gutlog, and tools such as `file`, can tell it from other SQLite databases.
PRAGMA application_id = 1196774476;
