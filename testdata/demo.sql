-- A small schema served by `pgdumpd serve` when no database is configured.
CREATE TABLE public.authors (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    email text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public.authors IS 'People who write articles';

CREATE TABLE public.articles (
    id bigserial PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES public.authors (id) ON DELETE CASCADE,
    title text NOT NULL CHECK (length(title) > 0),
    body text,
    published boolean NOT NULL DEFAULT false
);
CREATE INDEX articles_author_idx ON public.articles (author_id);

CREATE VIEW public.published_articles AS
    SELECT a.id, a.title, au.name AS author
    FROM public.articles a JOIN public.authors au ON au.id = a.author_id
    WHERE a.published;

CREATE FUNCTION public.slugify(title text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    AS $$
BEGIN

    -- lower-case, then replace runs of non-alphanumerics
    RETURN trim(both '-' from regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g'));
END;
$$;

INSERT INTO public.authors (name, email) VALUES
    ('Ada', 'ada@example.com'),
    ('Grace', 'grace@example.com');
INSERT INTO public.articles (author_id, title, body, published) VALUES
    (1, 'Notes', E'first line\n\n-- not a comment\nlast line', true),
    (2, 'Compilers', 'A draft', false);
