/** public-bucket-allows-listing (splinter 0025): a public bucket whose objects a SELECT policy also lets anyone list. */
import type { LiveAuditRule } from './types.js';

export const publicBucketAllowsListing: LiveAuditRule = {
  id: 'public-bucket-allows-listing',
  severity: 'warning',
  description: 'public buckets need no SELECT policy on storage.objects; one lets anyone list every file',
  requires: 'storage.buckets',
  sql: `select b.id as bucket, array_agg(distinct p.policyname::text order by p.policyname::text) as policies
        from storage.buckets b join pg_policies p on p.schemaname = 'storage' and p.tablename = 'objects'
          and p.cmd in ('SELECT', 'ALL') and p.roles && array['public', 'anon']::name[]
          and (p.qual is null or p.qual like '%' || b.id || '%' or p.qual not like '%bucket_id%')
        where b.public
        group by b.id order by 1`,
  findings: (rows) =>
    rows.map((r) => ({
      kind: 'bucket',
      object: String(r.bucket),
      message: `bucket ${String(r.bucket)} is public, and policy ${(r.policies as string[]).join(', ')} on storage.objects also lets anyone list its files (public URLs need no policy)`,
      hint: 'drop the SELECT policy for the public bucket, or scope it to the files a caller owns',
    })),
};
