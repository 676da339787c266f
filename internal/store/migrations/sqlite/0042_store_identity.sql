-- The store's identity: a random id, written on first use (store.JobStore.StoreIdentity),
-- that the job index snapshot in the data directory records, so that a
-- snapshot is only ever applied to the store it was taken from. A restored
-- backup is another store: restore deletes the row, and the next start
-- draws a new id and rebuilds the index.
CREATE TABLE store_identity (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    ident TEXT NOT NULL
);
