-- Native-engine fidelity schema: names that need quoting (mixed case, keywords, unicode, spaces),
-- comments with quotes and newlines, and less common options of the supported kinds.
CREATE SCHEMA "Mixed Case";
CREATE SCHEMA "select";
COMMENT ON SCHEMA "select" IS E'line one\nit''s line two';
CREATE TYPE "Mixed Case"."Status" AS ENUM ('new', 'it''s done', 'ünïcode');
CREATE TABLE "Mixed Case"."Order" (
    "ID" integer GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10) PRIMARY KEY,
    "user" text NOT NULL DEFAULT current_user,
    "Status" "Mixed Case"."Status" NOT NULL DEFAULT 'new',
    total numeric(12,2) CHECK (total >= 0),
    doubled numeric GENERATED ALWAYS AS (total * 2) STORED,
    note text COLLATE "C",
    "données" jsonb DEFAULT '{}'::jsonb,
    created timestamp(3) without time zone DEFAULT now(),
    CONSTRAINT "Order_total_small" CHECK (total < 1000000) NO INHERIT
);
COMMENT ON COLUMN "Mixed Case"."Order"."user" IS 'who; "quoted"';
CREATE TABLE "select"."from" (
    id bigserial,
    order_id integer REFERENCES "Mixed Case"."Order" ("ID") ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    "where" text,
    PRIMARY KEY (id),
    UNIQUE ("where", order_id)
);
CREATE TABLE public.empty_table ();
CREATE TABLE public.self_ref (
    id int PRIMARY KEY,
    parent int REFERENCES public.self_ref (id) MATCH FULL
);
CREATE UNIQUE INDEX "from_lower_where" ON "select"."from" (lower("where")) INCLUDE (id) WHERE "where" IS NOT NULL;
CREATE INDEX self_ref_parent_desc ON public.self_ref USING btree (parent DESC NULLS LAST);
CREATE SEQUENCE public.countdown AS smallint INCREMENT BY -1 MINVALUE -50 MAXVALUE 50 START 50 CYCLE CACHE 5;
CREATE VIEW "select"."Big Orders" WITH (security_barrier = true) AS
    SELECT "ID", total FROM "Mixed Case"."Order" WHERE total > 100
    WITH LOCAL CHECK OPTION;
COMMENT ON VIEW "select"."Big Orders" IS 'orders over 100';
CREATE FUNCTION public.set_returning(n integer) RETURNS SETOF integer
    LANGUAGE sql STABLE ROWS 42 PARALLEL SAFE
    SET search_path = public, "select"
    AS $_$ SELECT generate_series(1, $1) $_$;
CREATE FUNCTION "Mixed Case"."Fn"(INOUT a integer, VARIADIC rest text[] DEFAULT '{}') 
    LANGUAGE plpgsql SECURITY DEFINER COST 5
    SET work_mem = '64MB'
    AS $$
BEGIN

    -- blank lines and comments stay
    a := a + 1;
END;
$$;
COMMENT ON FUNCTION "Mixed Case"."Fn"(integer, text[]) IS 'returns a+1';
CREATE PROCEDURE public.do_nothing(IN x text) LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
CREATE FUNCTION public.audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER audit_order AFTER INSERT OR UPDATE OF total ON "Mixed Case"."Order"
    FOR EACH ROW WHEN (NEW.total IS NOT NULL) EXECUTE FUNCTION public.audit();
ALTER TABLE "Mixed Case"."Order" DISABLE TRIGGER audit_order;
CREATE TRIGGER audit_from AFTER DELETE ON "select"."from" REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION public.audit();
COMMENT ON TRIGGER audit_from ON "select"."from" IS 'statement level';
COMMENT ON INDEX public.self_ref_parent_desc IS 'descending';
COMMENT ON CONSTRAINT self_ref_pkey ON public.self_ref IS 'the key';
