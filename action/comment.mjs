/**
 * One pull-request comment per pull request: the report replaces the body of the comment pgdrift wrote
 * before (found by its marker), so a pull request never collects a comment per push.
 */
export const MARKER = '<!-- pgdrift -->';

/** `github` is the Octokit actions/github-script provides, `context` its event context. */
export async function upsertComment({ github, context, body }) {
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const text = body.includes(MARKER) ? body : `${MARKER}\n${body}`;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => typeof c.body === 'string' && c.body.includes(MARKER));
  if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body: text });
  else await github.rest.issues.createComment({ owner, repo, issue_number, body: text });
  return mine ? 'updated' : 'created';
}
