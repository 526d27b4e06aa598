// Will CI run on the PR? Pushes and PRs made with the workflow's GITHUB_TOKEN trigger no workflows.
/** PRs and pushes made with the workflow's GITHUB_TOKEN (author github-actions[bot]) trigger no workflows. */
export const opensWithoutCi = (author: string | null) => author === 'github-actions[bot]';
export const CI_WARNING =
  'This pull request was opened with the workflow GITHUB_TOKEN, so GitHub runs no workflows (no CI) on it. ' +
  'To have CI run, pass a GitHub App token or a fine-grained personal access token in the `github-token` input; ' +
  'until then, push an empty commit or close and reopen the PR to start the checks.';
export const CI_NOTE = `> [!WARNING]\n> ${CI_WARNING}\n\n`;
