-- What production really looks like (as a schema dump would show it): it has drifted from
-- supabase/migrations. Used by the README demo: `pgdrift check` in this folder.
create extension if not exists moddatetime with schema extensions;
create extension if not exists vector with schema extensions;

create type public.member_role as enum ('owner', 'admin', 'member');

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  username text unique check (char_length(username) >= 3),
  full_name text,
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'Public profile of each user';
alter table public.profiles enable row level security;
create policy "Profiles are viewable by everyone" on public.profiles for select using (true);
create policy "Users can update their own profile" on public.profiles
  for update to authenticated using ((select auth.uid()) = id);
create trigger handle_updated_at before update on public.profiles
  for each row execute procedure extensions.moddatetime (updated_at);

create function public.handle_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, full_name)
  values (new.id, new.raw_user_meta_data ->> 'full_name');
  return new;
end;
$$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute procedure public.handle_new_user();

create table public.organizations (
  id uuid primary key default uuid_generate_v4(),
  name text not null,
  slug text not null unique,
  created_at timestamptz not null default now()
);
create table public.memberships (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  member_role public.member_role not null default 'member',
  primary key (organization_id, user_id)
);
create index memberships_user_id_idx on public.memberships (user_id);
alter table public.organizations enable row level security;
alter table public.memberships enable row level security;

create function public.is_member(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.memberships m where m.organization_id = org and m.user_id = (select auth.uid()));
$$;
create policy "Members read their organizations" on public.organizations
  for select to authenticated using (public.is_member(id));
create policy "Members read memberships" on public.memberships
  for select to authenticated using (public.is_member(organization_id));

create table public.documents (
  id bigint generated always as identity primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  title text not null,
  body text,
  embedding extensions.vector(1536),
  created_at timestamptz not null default now()
);
create index documents_org_created_idx on public.documents (organization_id, created_at desc);
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

create table public.audit_log (
  id bigserial primary key,
  actor uuid references auth.users (id),
  action text not null,
  details jsonb not null default '{}'::jsonb,
  at timestamptz not null default now()
);
create view public.recent_activity as
  select actor, action, at from public.audit_log where at > now() - interval '7 days';

-- Kept on purpose until the reporting job stops reading it.
create table public.audit_log_2023 (id bigint primary key, actor uuid, action text, at timestamptz);

create policy "Avatar images are publicly accessible" on storage.objects
  for select using (bucket_id = 'avatars');
create policy "Users upload their own avatar" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'avatars' and (select auth.uid())::text = (storage.foldername(name))[1]);
