-- Documents with embeddings for semantic search (pgvector).
create extension if not exists vector with schema extensions;

create table public.documents (
  id bigint generated always as identity primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  title text not null,
  body text,
  embedding extensions.vector(1536),
  created_at timestamptz not null default now()
);
create index documents_embedding_idx on public.documents
  using hnsw (embedding extensions.vector_cosine_ops) with (m = 16, ef_construction = 64);
create index documents_org_created_idx on public.documents (organization_id, created_at desc);

alter table public.documents enable row level security;
create policy "Members read documents" on public.documents
  for select to authenticated using (public.is_member(organization_id));

create function public.match_documents(query_embedding extensions.vector(1536), match_count int default 5)
returns table (id bigint, title text, similarity float)
language sql stable
as $$
  select d.id, d.title, 1 - (d.embedding operator(extensions.<=>) query_embedding) as similarity
  from public.documents d
  order by d.embedding operator(extensions.<=>) query_embedding
  limit match_count;
$$;
