// Approval before spending: when a plan's estimate is above `approve-above`, the action posts the plan
// and stops; a `/implement-spec approve` comment starts the run on that plan if the spec is unchanged.
// The pending request lives in one marked PR comment that records the spec's hash.
import { formatUsd } from '../core/money.js';
import type { Octokit } from './client.js';
import { findMarkedComment } from './comments.js';

const PREFIX = '<!-- implement-spec:approval:';

/** Marker of the pending-approval comment for one spec; a new hash replaces the old request. */
export const approvalMarkerPrefix = (specId: string) => `${PREFIX}${specId}:`;
export const approvalMarker = (specId: string, specHash: string) =>
  `${approvalMarkerPrefix(specId)}${specHash} -->`;

/** The spec hash an approval request was made for, read from its marker. */
export function approvedHash(body: string, specId: string): string | null {
  const start = body.indexOf(approvalMarkerPrefix(specId));
  if (start < 0) return null;
  const m = /^([0-9a-f]{64}) -->/.exec(body.slice(start + approvalMarkerPrefix(specId).length));
  return m ? m[1]! : null;
}

export async function findApprovalRequest(
  octokit: Octokit,
  ref: { owner: string; repo: string; issueNumber: number; specId: string; author: string },
): Promise<{ commentId: number; specHash: string | null } | null> {
  const found = await findMarkedComment(octokit, { ...ref, marker: approvalMarkerPrefix(ref.specId) });
  return found ? { commentId: found.id, specHash: approvedHash(found.body, ref.specId) } : null;
}

export type ApprovalDecision =
  | { kind: 'not-needed' }
  | { kind: 'approved' }
  /** Ask (again): post the plan and stop. `reason` says why, for the comment. */
  | { kind: 'ask'; reason: string };

/** Pure: does this spec's run need (new) approval? */
export function decideApproval(input: {
  estimateUsd: number;
  approveAbove: number;
  /** The comment is `/implement-spec approve`. */
  approving: boolean;
  specHash: string;
  /** Hash recorded in the pending request, null when there is none. */
  requestedHash: string | null;
}): ApprovalDecision {
  if (input.estimateUsd <= input.approveAbove) return { kind: 'not-needed' };
  if (!input.approving) {
    return {
      kind: 'ask',
      reason: `The estimate is above the approval threshold (approve-above: ${formatUsd(input.approveAbove)}).`,
    };
  }
  if (input.requestedHash === null) {
    return { kind: 'ask', reason: 'No plan was waiting for approval, so here it is; approve it to start.' };
  }
  if (input.requestedHash !== input.specHash) {
    return {
      kind: 'ask',
      reason:
        'The spec changed after the plan was posted, so it was planned again: approve the new plan to start.',
    };
  }
  return { kind: 'approved' };
}

export function approvalRequestBody(input: {
  specId: string;
  specHash: string;
  planMarkdown: string;
  estimateUsd: number;
  approveAbove: number;
  command: string;
  reason: string;
}): string {
  return [
    approvalMarker(input.specId, input.specHash),
    `### ⏸️ Waiting for approval: estimated ${formatUsd(input.estimateUsd)}`,
    '',
    input.reason,
    `Nothing has been spent. A user with write permission can start the run on this plan by commenting \`${input.command} approve\`.`,
    'If the spec changes before that, the plan is made again and needs a new approval.',
    '',
    input.planMarkdown,
  ].join('\n');
}

/** The request comment once approved: same marker (the approved hash stays on record), no longer waiting. */
export function approvedBody(input: {
  specId: string;
  specHash: string;
  planMarkdown: string;
  estimateUsd: number;
  approver: string;
}): string {
  return [
    approvalMarker(input.specId, input.specHash),
    `### ✅ Approved${input.approver ? ` by @${input.approver}` : ''}: estimated ${formatUsd(input.estimateUsd)}`,
    '',
    'The run on this plan has started; its progress and the pull request it opens are reported in this conversation.',
    'If the spec changes, the plan is made again and needs a new approval.',
    '',
    '<details>',
    '<summary>Approved plan</summary>',
    '',
    input.planMarkdown,
    '',
    '</details>',
  ].join('\n');
}
