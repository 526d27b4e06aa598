import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPermission, meetsPermission, type Permission } from '../../src/github/permissions.js';
import { type FakeGitHub, faults, startFakeGitHub } from '../fakes/github-server.js';
import { clientFor } from './helpers.js';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({
    repos: [
      {
        owner: 'acme',
        repo: 'widgets',
        collaborators: {
          ada: 'admin',
          max: 'maintain',
          wes: 'write',
          tia: 'triage',
          rae: 'read',
          nan: 'none',
        },
      },
    ],
  });
});
afterAll(async () => {
  await gh.close();
});

describe('meetsPermission', () => {
  const order: Permission[] = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];
  it('orders none < read < triage < write < maintain < admin', () => {
    for (const [i, actual] of order.entries()) {
      for (const [j, required] of order.entries()) {
        expect(meetsPermission(actual, required), `${actual} vs ${required}`).toBe(i >= j);
      }
    }
  });
});

describe('getPermission', () => {
  it.each([
    ['ada', 'admin'],
    ['max', 'maintain'],
    ['wes', 'write'],
    ['tia', 'triage'],
    ['rae', 'read'],
    ['nan', 'none'],
    ['stranger', 'none'],
  ] as const)('%s is %s (role_name wins over the legacy field)', async (user, expected) => {
    const { octokit } = clientFor(gh);
    expect(await getPermission(octokit, 'acme', 'widgets', user)).toBe(expected);
  });

  it('is case-insensitive on the login', async () => {
    const { octokit } = clientFor(gh);
    expect(await getPermission(octokit, 'acme', 'widgets', 'ADA')).toBe('admin');
  });

  it('falls back to the legacy permission for a custom role', async () => {
    const { octokit } = clientFor(gh);
    gh.failNext('GET', /\/permission$/, {
      status: 200,
      body: { permission: 'write', role_name: 'release-manager', user: { login: 'cus' } },
    });
    expect(await getPermission(octokit, 'acme', 'widgets', 'cus')).toBe('write');
  });

  it('throws on errors other than 404', async () => {
    const { octokit } = clientFor(gh);
    gh.failNext('GET', /\/permission$/, faults.badCredentials());
    await expect(getPermission(octokit, 'acme', 'widgets', 'ada')).rejects.toMatchObject({ status: 401 });
  });
});
