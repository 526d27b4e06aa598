// Answers on the triggering comment or PR: a reaction on the comment, and one reply comment (updated in place
// by its marker) that explains a refusal or a failure.
import type { GitHubClient } from '../github/client.js';
import { addReaction, upsertMarkedComment } from '../github/comments.js';
import type { Trigger } from '../github/trigger.js';
import type { ActionLog } from './log.js';

export type Reaction = 'eyes' | 'rocket' | 'confused';

export interface Responder {
  /** Reacts on the triggering comment; no-op for other triggers. */
  react(content: Reaction): Promise<void>;
  reply(issueNumber: number, body: string): Promise<void>;
}

const replyMarker = (commentId: number) => `<!-- implement-spec:reply:${commentId} -->`;

export function createResponder(opts: {
  gh: GitHubClient;
  repo: { owner: string; repo: string };
  trigger: Exclude<Trigger, { kind: 'ignore' }>;
  log: ActionLog;
}): Responder {
  const { gh, repo, trigger, log } = opts;
  const commentId = trigger.kind === 'comment' ? trigger.commentId : null;
  return {
    react: async (content) => {
      if (commentId === null) return;
      try {
        await addReaction(gh.octokit, { ...repo, commentId, content });
      } catch (err) {
        log.warning(`Could not add a reaction to comment ${commentId}: ${(err as Error).message}`);
      }
    },
    // When a reply cannot be posted (a fork's read-only token, comments disabled) the explanation still
    // reaches the log, and the run's outcome must not change because of it.
    reply: async (issueNumber, body) => {
      const marker =
        commentId !== null ? replyMarker(commentId) : `<!-- implement-spec:notice:${trigger.kind} -->`;
      try {
        await upsertMarkedComment(gh.octokit, { ...repo, issueNumber, marker, body: `${marker}\n${body}` });
      } catch (err) {
        log.warning(`Could not reply on #${issueNumber}: ${(err as Error).message}`);
      }
    },
  };
}
