// Hostile or broken input that is not model output: spec files (malformed, huge, binary, an id full of shell
// metacharacters), a comment command with shell syntax, and branch names with quotes. Each is read as data,
// answered with a clear finding or error, and never reaches a shell or becomes a branch.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/github/command.js';
import { branchNameProblem, createGit, validateBranchName } from '../../src/github/git.js';
import { resolveTrigger } from '../../src/github/trigger.js';
import { preparePlan } from '../../src/plan/prepare.js';
import { loadSpec } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';
import { createSandbox, REPO_ROOT, type Sandbox } from './helpers.js';

const HEADER = (id: string) =>
  `---\nspecmas: v3\nkind: FeatureSpec\nid: ${id}\nname: Dark mode toggle\ncomplexity: EASY\nmaturity: 1\n---\n`;
const EXAMPLE_BODY = () => {
  const text = execFileSync('cat', [path.join(REPO_ROOT, 'examples', 'specs', 'dark-mode-toggle.md')], {
    encoding: 'utf8',
  });
  return text.slice(text.indexOf('\n---\n', 4) + 5);
};

let box: Sandbox;
beforeEach(() => {
  box = createSandbox();
});
afterEach(() => {
  box.cleanup();
});

function writeSpec(name: string, content: string | Buffer): string {
  const file = path.join(box.root, name);
  writeFileSync(file, content);
  return file;
}

const errorsOf = (v: ReturnType<typeof validateSpec>) => v.findings.filter((f) => f.severity === 'error');

describe('spec files', () => {
  it('malformed front matter: a G1 finding with the line, not a crash', async () => {
    const file = writeSpec(
      'bad.md',
      '---\nspecmas: v3\nkind: [FeatureSpec\nid: dark-mode\n---\n\n# Overview\n\nText.\n',
    );
    const v = validateSpec(await loadSpec(file, 'specs/bad.md'));
    expect(v.ready).toBe(false);
    const yaml = errorsOf(v).find((f) => f.gate === 'G1' && /YAML|front matter/i.test(f.message));
    expect(yaml, JSON.stringify(v.findings, null, 2)).toBeDefined();
    expect(yaml!.line).toBeGreaterThan(0);
    expect(yaml!.hint.length).toBeGreaterThan(0);
  });

  it('a 5 MB spec: parsed without a crash, refused by G1 as too large for a prompt', async () => {
    const filler = `${'The toggle must keep the chosen theme across visits and never flash. '.repeat(20)}\n\n`;
    const big = HEADER('dark-mode-toggle') + EXAMPLE_BODY() + `\n## Appendix\n\n${filler.repeat(3800)}`;
    expect(big.length).toBeGreaterThan(5_000_000);
    const file = writeSpec('big.md', big);
    const v = validateSpec(await loadSpec(file, 'specs/big.md'));
    expect(v.spec.bodyLength).toBeGreaterThan(5_000_000);
    expect(v.ready).toBe(false);
    expect(errorsOf(v).map((f) => [f.gate, f.rule, f.message])).toEqual([
      [
        'G1',
        'spec-too-large',
        "specs/big.md is 5.0 MB; a spec may be at most 512 KB because the whole spec is sent with every agent's prompt.",
      ],
    ]);
    const prepared = await preparePlan({ specPath: file, repoRoot: box.root, options: {} });
    expect(prepared.plan).toBeNull();
  });

  it('a binary spec: a G1 "binary file" finding, nothing else parsed', async () => {
    const file = writeSpec(
      'blob.md',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const v = validateSpec(await loadSpec(file, 'specs/blob.md'));
    expect(v.ready).toBe(false);
    expect(errorsOf(v).map((f) => [f.gate, f.rule, f.message])).toEqual([
      [
        'G1',
        'unreadable-file',
        'specs/blob.md cannot be read as a spec: it is a binary file (contains NUL bytes).',
      ],
    ]);
  });

  it('an id with shell metacharacters: a G1 error, no id, and never a branch', async () => {
    const evil = 'x; rm -rf ~';
    const file = writeSpec('evil.md', HEADER(JSON.stringify(evil)) + EXAMPLE_BODY());
    const spec = await loadSpec(file, 'specs/evil.md');
    const v = validateSpec(spec);
    expect(v.ready).toBe(false);
    const finding = errorsOf(v).find((f) => f.rule === 'invalid-id');
    expect(finding?.gate).toBe('G1');
    expect(finding?.message).toContain('"x; rm -rf ~" cannot be used in the branch name');
    expect(spec.metadata.id).toBeNull();
    // Not ready: no plan, so no branch. Forced: the invalid id is dropped, never spliced into a ref.
    const prepared = await preparePlan({ specPath: file, repoRoot: box.root, options: {} });
    expect(prepared.plan).toBeNull();
    const forced = await preparePlan({ specPath: file, repoRoot: box.root, options: { forced: true } });
    expect(forced.plan!.spec.id).not.toContain(';');
    expect(() => validateBranchName(`feat/spec-${evil}`)).toThrow(/invalid branch name .*contains a space/);
  });
});

describe('comment commands and branch names', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal GitHub expression is the attack under test
  it('a comment with shell syntax and ${{ secrets.X }}: parsed as data into an error, nothing executed', () => {
    const sentinel = path.join(box.outside, 'pwned');
    const body = `/implement-spec specs/x.md; touch ${sentinel} $(touch ${sentinel}) \`touch ${sentinel}\` \${{ secrets.ANTHROPIC_API_KEY }}`;
    const trigger = resolveTrigger({
      eventName: 'issue_comment',
      payload: {
        action: 'created',
        issue: { number: 42, pull_request: { url: 'https://api.github.com/repos/octo-org/shop/pulls/42' } },
        comment: { id: 9, body, user: { login: 'alice-dev', type: 'User' } },
        sender: { login: 'alice-dev', type: 'User' },
        repository: { full_name: 'octo-org/shop', owner: { login: 'octo-org' }, name: 'shop' },
      },
      triggerLabel: 'implement-spec',
      command: '/implement-spec',
      enablePullRequest: false,
    });
    expect(trigger.kind).toBe('comment');
    if (trigger.kind !== 'comment') return;
    expect(trigger.command.kind).toBe('error');
    if (trigger.command.kind !== 'error') return;
    expect(trigger.command.message).toBe(
      'spec path `specs/x.md;` contains characters other than letters, digits, ".", "_", "-" and "/"',
    );
    expect(trigger.command.usage).toMatch(/^Usage:/);
    // The template expression is plain text to us: no token, no secret, no run.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal GitHub expression is the attack under test
    const again = parseCommand('/implement-spec ${{ secrets.ANTHROPIC_API_KEY }}');
    expect(again).toMatchObject({ kind: 'error', message: expect.stringContaining('`${{`') });
    expect(existsSync(sentinel)).toBe(false);
  });

  it('branch names with quotes: judged like git check-ref-format, and used literally by git', async () => {
    const names = [
      `feat/spec-"quoted"`,
      `feat/spec-it's`,
      `feat/spec-x"; rm -rf ~; "`,
      `feat/spec-$(whoami)`,
      `feat/spec-\`id\``,
      `feat/spec-a:b`,
      `-feat`,
    ];
    for (const name of names) {
      let gitAccepts = true;
      try {
        execFileSync('git', ['check-ref-format', '--branch', name], { stdio: 'ignore' });
      } catch {
        gitAccepts = false;
      }
      expect(branchNameProblem(name) === null, name).toBe(gitAccepts);
      if (!gitAccepts)
        expect(() => validateBranchName(name)).toThrow(`invalid branch name ${JSON.stringify(name)}`);
    }
    // A valid name with quotes and `$(…)` becomes exactly that branch: git got it as one argument.
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', box.root]);
    execFileSync(
      'git',
      ['-c', 'user.name=D', '-c', 'user.email=d@x', 'commit', '--quiet', '--allow-empty', '-m', 'i'],
      {
        cwd: box.root,
      },
    );
    const g = createGit(box.root);
    for (const name of [`feat/spec-"quoted"`, `feat/spec-$(whoami)`]) {
      await g.checkoutNewBranch(name, 'main');
      expect(await g.currentBranch()).toBe(name);
    }
  });
});
