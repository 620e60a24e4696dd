-- The relations this session holds ACCESS SHARE locks on (pg_locks shows the lock manager's
-- present state, not the transaction's snapshot).
SELECT l.relation::int8 AS oid
FROM pg_catalog.pg_locks l
WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation'
  AND l.mode = 'AccessShareLock' AND l.granted
