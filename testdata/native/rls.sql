-- Native-engine fidelity schema: row level security (enabled and forced) and policies of every
-- command, permissive and restrictive, with roles, USING and WITH CHECK, and a comment.
CREATE ROLE fidelity_reader NOLOGIN;
CREATE TABLE public.documents (
    id integer PRIMARY KEY,
    owner_name text NOT NULL DEFAULT current_user,
    body text
);
ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.documents FORCE ROW LEVEL SECURITY;
CREATE POLICY "Owners see theirs" ON public.documents USING (owner_name = current_user);
CREATE POLICY insert_own ON public.documents FOR INSERT TO fidelity_reader, PUBLIC WITH CHECK (owner_name = current_user);
CREATE POLICY no_big_updates ON public.documents AS RESTRICTIVE FOR UPDATE USING (length(body) < 1000) WITH CHECK (length(body) < 1000);
CREATE POLICY readers ON public.documents FOR SELECT TO fidelity_reader USING (true);
CREATE POLICY deleters ON public.documents FOR DELETE USING (false);
COMMENT ON POLICY readers ON public.documents IS 'read-only role';
CREATE TABLE public.notes (id int);
CREATE POLICY unused ON public.notes USING (id > 0);
