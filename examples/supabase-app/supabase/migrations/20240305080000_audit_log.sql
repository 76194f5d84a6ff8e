-- An audit log that shipped without row level security.
create table public.audit_log (
  id bigserial primary key,
  actor uuid references auth.users (id),
  action text not null,
  details jsonb not null default '{}'::jsonb,
  at timestamptz not null default now()
);

create view public.recent_activity as
  select actor, action, at from public.audit_log where at > now() - interval '7 days';

insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true);
create policy "Avatar images are publicly accessible" on storage.objects
  for select using (bucket_id = 'avatars');
create policy "Users upload their own avatar" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'avatars' and (select auth.uid())::text = (storage.foldername(name))[1]);
