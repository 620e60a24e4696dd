-- Native-engine fidelity schema: privileges (GRANT/REVOKE) on schemas, tables, columns,
-- sequences, views, functions and types, with grant options and a grant made by a non-owner.
CREATE ROLE fidelity_app NOLOGIN;
CREATE ROLE "Fidelity Admin" NOLOGIN;
CREATE SCHEMA secure;
GRANT USAGE ON SCHEMA secure TO fidelity_app;
GRANT ALL ON SCHEMA secure TO "Fidelity Admin" WITH GRANT OPTION;
CREATE TABLE secure.accounts (id serial PRIMARY KEY, name text, secret text);
GRANT SELECT, INSERT ON secure.accounts TO fidelity_app;
GRANT SELECT (id, name), UPDATE (name) ON secure.accounts TO PUBLIC;
GRANT ALL ON secure.accounts TO "Fidelity Admin" WITH GRANT OPTION;
SET ROLE "Fidelity Admin";
GRANT DELETE ON secure.accounts TO fidelity_app;
RESET ROLE;
GRANT USAGE ON SEQUENCE secure.accounts_id_seq TO fidelity_app;
CREATE VIEW secure.names AS SELECT id, name FROM secure.accounts;
GRANT SELECT ON secure.names TO PUBLIC;
CREATE FUNCTION secure.check_secret(t text) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT t IS NOT NULL $$;
REVOKE ALL ON FUNCTION secure.check_secret(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION secure.check_secret(text) TO fidelity_app;
CREATE TYPE secure.level AS ENUM ('low', 'high');
REVOKE USAGE ON TYPE secure.level FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA secure GRANT SELECT ON TABLES TO fidelity_app;
ALTER DEFAULT PRIVILEGES FOR ROLE "Fidelity Admin" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO fidelity_app;
