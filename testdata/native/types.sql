-- Native-engine fidelity schema: domains (NOT NULL, named NOT NULL, defaults, several CHECKs,
-- collation) and composite types (collations, comments), used by tables and functions.
CREATE SCHEMA kinds;
CREATE DOMAIN kinds.positive AS integer NOT NULL DEFAULT 1 CHECK (VALUE > 0) CHECK (VALUE < 1000000);
CREATE DOMAIN kinds.email AS text COLLATE "C" CONSTRAINT email_has_at CHECK (VALUE ~ '@');
CREATE DOMAIN kinds.strict_code AS varchar(8) CONSTRAINT code_required NOT NULL;
CREATE DOMAIN kinds."Money Amount" AS numeric(12,2) DEFAULT 0.00;
COMMENT ON DOMAIN kinds.email IS 'an address';
COMMENT ON CONSTRAINT email_has_at ON DOMAIN kinds.email IS 'must contain @';
-- NOT VALID domain constraints: their own post-data entries, with their comments
ALTER DOMAIN kinds.email ADD CONSTRAINT email_short CHECK (length(VALUE) < 200) NOT VALID;
COMMENT ON CONSTRAINT email_short ON DOMAIN kinds.email IS 'checked from now on';
ALTER DOMAIN kinds."Money Amount" ADD CONSTRAINT "Not Negative" CHECK (VALUE >= 0) NOT VALID;
CREATE TYPE kinds.address AS (street text, city text COLLATE "C", zip kinds.strict_code);
COMMENT ON TYPE kinds.address IS 'postal';
COMMENT ON COLUMN kinds.address.city IS 'city name';
CREATE TABLE kinds.customers (
    id kinds.positive PRIMARY KEY,
    contact kinds.email,
    home kinds.address,
    balance kinds."Money Amount"
);
CREATE FUNCTION kinds.city_of(a kinds.address) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT (a).city $$;
