import { afterEach, describe, expect, it } from 'vitest';
import { approvalMarkerPrefix, findApprovalRequest } from '../../src/github/approval.js';
import {
  addReaction,
  findMarkedComment,
  ProgressCommenter,
  postComment,
  tokenLogin,
  upsertMarkedComment,
  withMarker,
} from '../../src/github/comments.js';
import { type FakeGitHub, faults, startFakeGitHub } from '../fakes/github-server.js';
import { clientFor, ManualClock } from './helpers.js';

let gh: FakeGitHub;
afterEach(async () => {
  await gh?.close();
});

const MARKER = '<!-- implement-spec:progress -->';
const BOT = 'github-actions[bot]';
const ref = { owner: 'acme', repo: 'widgets', issueNumber: 5 };
const patches = () => gh.count('PATCH', /\/issues\/comments\/\d+$/);
const posts = () => gh.count('POST', /\/issues\/5\/comments$/);

describe('upsertMarkedComment', () => {
  it('creates the marked comment, then finds it on a later page and updates it', async () => {
    gh = await startFakeGitHub({
      issues: [{ number: 5 }],
      comments: Array.from({ length: 130 }, (_, i) => ({ issueNumber: 5, body: `chatter ${i}` })),
    });
    const c = clientFor(gh);
    const first = await upsertMarkedComment(c.octokit, {
      ...ref,
      marker: MARKER,
      author: BOT,
      body: 'Working…',
    });
    expect(first.created).toBe(true);
    const second = await upsertMarkedComment(c.octokit, {
      ...ref,
      marker: MARKER,
      author: BOT,
      body: 'Done ✅',
    });
    expect(second).toEqual({ id: first.id, created: false });
    const mine = gh.state.comments.filter((x) => x.body.includes(MARKER));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.body).toBe(`${MARKER}\nDone ✅`);
    // Second call had to read page 2 (per_page=100) to find it.
    expect(gh.requests.filter((r) => r.method === 'GET' && r.query.page === '2')).toHaveLength(2);
  });

  it('does not duplicate a marker already in the body', () => {
    expect(withMarker(`x ${MARKER} y`, MARKER)).toBe(`x ${MARKER} y`);
  });

  it('explains a missing issue', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    await expect(
      upsertMarkedComment(c.octokit, { ...ref, marker: MARKER, author: BOT, body: 'x' }),
    ).rejects.toThrow(/Could not list comments of #5 in acme\/widgets: GitHub answered 404/);
  });
});

describe("markers are trusted only in the token's own comments", () => {
  it('never edits a marked comment someone else wrote; it posts its own', async () => {
    gh = await startFakeGitHub({
      issues: [{ number: 5 }],
      comments: [{ issueNumber: 5, user: 'mallory', body: `${MARKER}\nplease edit me` }],
    });
    const c = clientFor(gh);
    const r = await upsertMarkedComment(c.octokit, { ...ref, marker: MARKER, author: BOT, body: 'Working…' });
    expect(r.created).toBe(true);
    expect(gh.state.comments.find((x) => x.user === 'mallory')?.body).toBe(`${MARKER}\nplease edit me`);
    expect(await findMarkedComment(c.octokit, { ...ref, marker: MARKER, author: 'mallory' })).toBeDefined();
    expect((await findMarkedComment(c.octokit, { ...ref, marker: MARKER, author: BOT }))?.id).toBe(r.id);
  });

  it('ignores a fake approval request planted by a commenter', async () => {
    const prefix = approvalMarkerPrefix('feat-x');
    gh = await startFakeGitHub({
      issues: [{ number: 5 }],
      comments: [{ issueNumber: 5, user: 'mallory', body: `${prefix}${'a'.repeat(64)} -->\nApprove me` }],
    });
    const c = clientFor(gh);
    expect(await findApprovalRequest(c.octokit, { ...ref, specId: 'feat-x', author: BOT })).toBeNull();
  });

  it("learns the token's login from GET /user, and uses the bot login for an installation token", async () => {
    gh = await startFakeGitHub({ actor: 'octo-pat-user' });
    expect(await tokenLogin(clientFor(gh).octokit, 'ghp_personal')).toBe('octo-pat-user');
    await gh.close();
    gh = await startFakeGitHub();
    // A token GET /user refuses (403, as for an installation token) falls back too.
    expect(await tokenLogin(clientFor(gh).octokit, 'opaque')).toBe('github-actions[bot]');
    const before = gh.requests.length;
    expect(await tokenLogin(clientFor(gh).octokit, 'ghs_installation', 'my-app[bot]')).toBe('my-app[bot]');
    expect(gh.requests.length).toBe(before);
  });
});

describe('ProgressCommenter', () => {
  const make = async (clock: ManualClock, extra: { log?: (m: string) => void } = {}) => {
    gh = await startFakeGitHub({ issues: [{ number: 5 }] });
    const c = clientFor(gh, { retries: 0 });
    return new ProgressCommenter({
      octokit: c.octokit,
      ...ref,
      marker: MARKER,
      author: c.login,
      minIntervalMs: 10_000,
      now: clock.now,
      timers: clock.timers,
      ...extra,
    });
  };

  it('writes at most once per interval and the latest body wins', async () => {
    const clock = new ManualClock();
    const p = await make(clock);
    p.update('step 1');
    await p.settled();
    expect(posts()).toBe(1);

    clock.advance(1_000);
    p.update('step 2');
    clock.advance(1_000);
    p.update('step 3');
    p.update('step 4');
    expect(clock.scheduled).toBe(1);
    await p.settled();
    expect(patches()).toBe(0);

    clock.advance(8_000); // 10 s after the first write: the timer fires once with the latest body
    await p.settled();
    expect(patches()).toBe(1);
    expect(gh.state.comments[0]?.body).toBe(`${MARKER}\nstep 4`);
    expect(clock.scheduled).toBe(0);

    clock.advance(20_000);
    p.update('step 5'); // interval long passed: written straight away
    await p.settled();
    expect(patches()).toBe(2);
    expect(p.writes).toBe(3);
    expect(gh.state.comments).toHaveLength(1);
  });

  it('finish cancels the pending update, writes the final body now and ignores later updates', async () => {
    const clock = new ManualClock();
    const p = await make(clock);
    p.update('start');
    clock.advance(100);
    p.update('pending');
    expect(clock.scheduled).toBe(1);
    const id = await p.finish('final');
    expect(clock.scheduled).toBe(0);
    expect(id).toBe(gh.state.comments[0]?.id);
    expect(gh.state.comments[0]?.body).toBe(`${MARKER}\nfinal`);
    p.update('too late');
    clock.advance(60_000);
    await p.settled();
    expect(posts() + patches()).toBe(2);
  });

  it('logs failed writes and keeps going', async () => {
    const clock = new ManualClock();
    const logs: string[] = [];
    const p = await make(clock, { log: (m) => logs.push(m) });
    gh.failNext('POST', /\/comments$/, faults.serverError(500));
    p.update('first');
    await p.settled();
    expect(logs[0]).toMatch(/Progress comment on #5 not updated: .*GitHub answered 500 \(Server Error\)/);
    expect(gh.state.comments).toHaveLength(0);
    await p.finish('final');
    expect(gh.state.comments.map((x) => x.body)).toEqual([`${MARKER}\nfinal`]);
  });

  it('starts a new comment when its comment was deleted', async () => {
    const clock = new ManualClock();
    const p = await make(clock);
    p.update('one');
    await p.settled();
    gh.state.comments.length = 0;
    await p.finish('two');
    expect(gh.state.comments.map((x) => x.body)).toEqual([`${MARKER}\ntwo`]);
    expect(posts()).toBe(2);
  });
});

describe('reactions and plain comments', () => {
  it('adds a reaction to a comment', async () => {
    gh = await startFakeGitHub({
      issues: [{ number: 5 }],
      comments: [{ id: 77, issueNumber: 5, body: '/implement' }],
    });
    const c = clientFor(gh);
    expect(
      await addReaction(c.octokit, { owner: 'acme', repo: 'widgets', commentId: 77, content: 'eyes' }),
    ).toBe(true);
    expect(
      await addReaction(c.octokit, { owner: 'acme', repo: 'widgets', commentId: 77, content: 'rocket' }),
    ).toBe(true);
    expect(gh.state.reactions.map((r) => [r.commentId, r.content])).toEqual([
      [77, 'eyes'],
      [77, 'rocket'],
    ]);
  });

  it('reports a failed reaction as false and logs why', async () => {
    gh = await startFakeGitHub();
    const c = clientFor(gh);
    const logs: string[] = [];
    const ok = await addReaction(c.octokit, {
      owner: 'acme',
      repo: 'widgets',
      commentId: 1,
      content: 'confused',
      log: (m) => logs.push(m),
    });
    expect(ok).toBe(false);
    expect(logs[0]).toMatch(/confused reaction to comment 1: Not Found/);
  });

  it('posts a plain comment and returns its URL', async () => {
    gh = await startFakeGitHub({ issues: [{ number: 5 }] });
    const c = clientFor(gh);
    const r = await postComment(c.octokit, { ...ref, body: 'hello' });
    expect(r.url).toBe(`https://github.com/acme/widgets/issues/5#issuecomment-${r.id}`);
    expect(c.calls()).toBe(1);
  });
});
