export const id = 489;
export const ids = [489,141];
export const modules = {

/***/ 4489:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ND: () => (/* binding */ loadRoleConfig),
/* harmony export */   RoleConfigError: () => (/* binding */ RoleConfigError)
/* harmony export */ });
/* unused harmony exports ROLE_CONFIG_PATH, ROLE_CONFIG_ALT_PATH, DEFAULT_ROLE_ALLOW, globProblem, parseRoleConfig */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8816);
/* harmony import */ var _prices_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7141);
/* harmony import */ var _tasks_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3782);
// Where each agent role may write. The defaults keep every agent in its lane (the database agent writes
// schema and migrations, the test agent writes tests) so one task cannot quietly rewrite another layer; a
// repository adjusts them in `.github/implement-spec/config.yml`.
//
// Decisions:
// - An allowlist is a lane, not ownership: backend and frontend both may write `src/**`.
// - Every writing role may also write `docs/**` and top-level Markdown (README.md, CHANGELOG.md): documenting
//   the change is part of every task and cannot break code.
// - Code roles may edit the usual dependency manifests (package.json, go.mod, …) because a feature often needs
//   a dependency and the PR review sees the change; lock files are not listed, they are generated, not written.
// - `fix` repairs whatever the tests show broken, so it may write anywhere the workspace allows.
// - `review` only reads: an empty list, so any write it attempts is refused.
// - A role not listed here (a repository role) may write anywhere not otherwise refused, as the workspace does.
// The workspace's own refusals (.git, .github/workflows, the spec, protected paths) apply to every role.








const BUILTIN_ROLE_SET = new Set([..._tasks_js__WEBPACK_IMPORTED_MODULE_5__/* .BUILTIN_ROLES */ .Iy, ..._tasks_js__WEBPACK_IMPORTED_MODULE_5__/* .AUXILIARY_ROLES */ .pq]);
const ROLE_CONFIG_PATH = '.github/implement-spec/config.yml';
/** Also accepted, when the `.yml` file does not exist. */
const ROLE_CONFIG_ALT_PATH = '.github/implement-spec/config.yaml';
const DOCS = ['docs/**', '*.md'];
const MANIFESTS = [
    'package.json',
    'pyproject.toml',
    'requirements*.txt',
    'go.mod',
    'Cargo.toml',
    'Gemfile',
    'pom.xml',
    'build.gradle',
    'build.gradle.kts',
];
const DEFAULT_ROLE_ALLOW = Object.freeze({
    database: Object.freeze([
        'migrations/**',
        'db/**',
        'database/**',
        'prisma/**',
        'drizzle/**',
        'alembic/**',
        'sql/**',
        'supabase/migrations/**',
        'src/db/**',
        'src/database/**',
        'src/models/**',
        'src/entities/**',
        'src/schema/**',
        'src/**/schema*',
        'src/**/schema*/**',
        'app/models/**',
        '**/migrations/**',
        '**/models.py',
        '**/*.sql',
        '**/*.prisma',
        'drizzle.config.*',
        'knexfile.*',
        'ormconfig.*',
        ...DOCS,
    ]),
    backend: Object.freeze([
        'src/**',
        'server/**',
        'api/**',
        'lib/**',
        'app/**',
        'pkg/**',
        'internal/**',
        'cmd/**',
        'services/**',
        'config/**',
        // Server languages whose packages usually sit at the top level under the project's own name.
        '**/*.py',
        '**/*.go',
        '**/*.rb',
        '**/*.java',
        '**/*.kt',
        '**/*.rs',
        '**/*.php',
        '**/*.cs',
        ...MANIFESTS,
        ...DOCS,
    ]),
    frontend: Object.freeze([
        'src/**',
        'web/**',
        'client/**',
        'app/**',
        'components/**',
        'pages/**',
        'public/**',
        'styles/**',
        'assets/**',
        '**/*.{tsx,jsx,vue,svelte,css,scss,sass,less,html}',
        ...MANIFESTS,
        ...DOCS,
    ]),
    integration: Object.freeze([
        'src/**',
        'integrations/**',
        'adapters/**',
        'clients/**',
        'connectors/**',
        'webhooks/**',
        'lib/**',
        'config/**',
        '.env.example',
        ...MANIFESTS,
        ...DOCS,
    ]),
    test: Object.freeze([
        'test/**',
        'tests/**',
        '__tests__/**',
        'spec/**',
        'e2e/**',
        'cypress/**',
        'playwright/**',
        '**/test/**',
        '**/tests/**',
        '**/__tests__/**',
        '**/__mocks__/**',
        '**/*.test.*',
        '**/*.spec.*',
        '**/*_test.*',
        '**/test_*.py',
        '**/*_spec.rb',
        'vitest.config.*',
        'jest.config.*',
        'playwright.config.*',
        'cypress.config.*',
        ...DOCS,
    ]),
    fix: Object.freeze(['**']),
    review: Object.freeze([]),
});
/** The config file is wrong; the message names the file, the key and what is expected. */
class RoleConfigError extends Error {
    file;
    constructor(file, message) {
        super(message);
        this.file = file;
        this.name = 'RoleConfigError';
    }
}
/** Why a glob cannot be used as a workspace-relative pattern, or null when it can. */
function globProblem(glob) {
    if (glob.trim() === '')
        return 'it is empty';
    if (glob.includes('\0'))
        return 'it contains a NUL byte';
    if (glob.includes('\\'))
        return 'it contains a backslash; use forward slashes';
    if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob)) {
        return 'it is absolute; patterns are relative to the repository root (write "src/**", not "/src/**")';
    }
    if (glob.split('/').includes('..'))
        return 'it contains ".."; patterns cannot reach outside the repository';
    if (glob.startsWith('!'))
        return 'negated patterns ("!…") are not supported; list only what may be written';
    let braces = 0;
    let brackets = 0;
    for (const ch of glob) {
        if (ch === '{')
            braces++;
        else if (ch === '}')
            braces--;
        else if (ch === '[')
            brackets++;
        else if (ch === ']')
            brackets--;
        if (braces < 0 || brackets < 0)
            break;
    }
    if (braces !== 0)
        return 'its "{" and "}" do not pair up';
    if (brackets !== 0)
        return 'its "[" and "]" do not pair up';
    return null;
}
const GlobList = zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP({ error: 'expected a glob string' }), {
    error: 'expected a list of glob strings, e.g. ["src/**", "lib/**"]',
});
const RoleEntrySchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .strictObject */ .rej({
    allow: GlobList.optional(),
    extend: GlobList.optional(),
    model: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP({ error: 'expected a model name, e.g. claude-haiku-4-5' }).optional(),
}, { error: 'expected a mapping with "allow" and/or "extend" lists and/or a "model"' });
const ConfigSchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .strictObject */ .rej({
    roles: zod__WEBPACK_IMPORTED_MODULE_6__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP(), RoleEntrySchema, {
        error: 'expected a mapping of role names to { allow, extend, model }',
    })
        .optional(),
    protected: GlobList.optional(),
}, { error: 'expected a mapping with the keys "roles" and/or "protected"' });
function keyPath(parts) {
    let out = '';
    for (const p of parts) {
        if (typeof p === 'number')
            out += `[${p}]`;
        else
            out += out === '' ? String(p) : `.${String(p)}`;
    }
    return out === '' ? '(top level)' : out;
}
const EXPECTED_KEYS = {
    '': '"roles", "protected"',
    role: '"allow" (replaces the defaults), "extend" (adds to them), "model" (the role\'s model)',
};
function describeIssue(issue) {
    const where = keyPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
        const expected = issue.path.length === 0 ? EXPECTED_KEYS[''] : EXPECTED_KEYS.role;
        const base = issue.path.length === 0 ? '' : `${where}.`;
        return issue.keys.map((k) => `${base}${k}: unknown key; expected one of ${expected}`).join('; ');
    }
    return `${where}: ${issue.message}`;
}
/** The first line of a YAML error without its repeated position and code frame. */
function yamlReason(message) {
    return (message.split('\n')[0] ?? message)
        .replace(/ at line \d+, column \d+:?\s*$/, '')
        .replace(/[:.]\s*$/, '');
}
/** Validates config text; `file` is only used in messages. Pure, so callers and tests share it. */
function parseRoleConfig(text, file, isKnownRole = (role) => BUILTIN_ROLE_SET.has(role)) {
    const doc = yaml__WEBPACK_IMPORTED_MODULE_3__.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
        const err = doc.errors[0];
        const at = err.linePos?.[0] ? ` (line ${err.linePos[0].line}, column ${err.linePos[0].col})` : '';
        throw new RoleConfigError(file, `${file}${at}: not valid YAML: ${yamlReason(err.message)}. Fix the syntax, or delete the file to use the default role paths.`);
    }
    const data = doc.toJS() ?? {};
    const parsed = ConfigSchema.safeParse(data);
    if (!parsed.success) {
        const details = parsed.error.issues.map(describeIssue).join('; ');
        throw new RoleConfigError(file, `${file}: ${details}. Expected shape: roles: { <role>: { allow: [globs], extend: [globs], model: name } }, protected: [globs].`);
    }
    const config = parsed.data;
    const problems = [];
    const checkGlobs = (list, at) => {
        list?.forEach((g, i) => {
            const why = globProblem(g);
            if (why)
                problems.push(`${at}[${i}] "${g}": ${why}`);
        });
    };
    for (const [role, entry] of Object.entries(config.roles ?? {})) {
        if (!_tasks_js__WEBPACK_IMPORTED_MODULE_5__/* .ROLE_NAME_PATTERN */ .qC.test(role)) {
            problems.push(`roles.${role}: not a valid role name (lowercase letters, digits and dashes, starting with a letter)`);
        }
        checkGlobs(entry.allow, `roles.${role}.allow`);
        checkGlobs(entry.extend, `roles.${role}.extend`);
        if (entry.model !== undefined && !Object.hasOwn(_prices_js__WEBPACK_IMPORTED_MODULE_4__.PRICES, entry.model)) {
            problems.push(`roles.${role}.model "${entry.model}": not a known model; known models: ${Object.keys(_prices_js__WEBPACK_IMPORTED_MODULE_4__.PRICES).join(', ')}`);
        }
    }
    checkGlobs(config.protected, 'protected');
    if (problems.length > 0) {
        throw new RoleConfigError(file, `${file}: ${problems.join('; ')}.`);
    }
    const warnings = [];
    const roleAllow = {};
    const roleModels = {};
    for (const [role, list] of Object.entries(DEFAULT_ROLE_ALLOW))
        roleAllow[role] = [...list];
    for (const [role, entry] of Object.entries(config.roles ?? {})) {
        if (_tasks_js__WEBPACK_IMPORTED_MODULE_5__/* .ROLE_NAME_PATTERN */ .qC.test(role) && !isKnownRole(role)) {
            warnings.push(`${file}: roles.${role} names no built-in role and there is no ${_tasks_js__WEBPACK_IMPORTED_MODULE_5__/* .REPO_ROLES_DIR */ .Xc}/${role}.md; the setting applies only if such a role runs.`);
        }
        if (entry.model !== undefined)
            roleModels[role] = entry.model;
        // An entry that only sets the model leaves the role's paths as they are.
        if (entry.allow === undefined && entry.extend === undefined)
            continue;
        const base = entry.allow ?? roleAllow[role];
        if (entry.allow === undefined && entry.extend !== undefined && base === undefined) {
            // A role without defaults may write anywhere; extending "anywhere" would narrow it to the extension.
            warnings.push(`${file}: roles.${role}.extend has no defaults to extend (the role may already write anywhere); use "allow" to restrict it.`);
            continue;
        }
        const merged = [...new Set([...(base ?? []), ...(entry.extend ?? [])])];
        if (entry.allow !== undefined || entry.extend !== undefined)
            roleAllow[role] = merged;
        if (merged.length === 0 && role !== 'review') {
            warnings.push(`${file}: roles.${role} allows no path, so the ${role} agent cannot write any file.`);
        }
    }
    return { roleAllow, protectedPaths: [...(config.protected ?? [])], roleModels, warnings, source: file };
}
/**
 * The repository's role config, or the defaults when it has none. A broken file throws a RoleConfigError:
 * the run must stop rather than let agents write with rules the user did not mean.
 */
async function loadRoleConfig(repoRoot) {
    let file;
    let text;
    for (const rel of [ROLE_CONFIG_PATH, ROLE_CONFIG_ALT_PATH]) {
        try {
            text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(repoRoot, ...rel.split('/')), 'utf8');
            file = rel;
            break;
        }
        catch (err) {
            const code = err?.code;
            if (code === 'ENOENT' || code === 'ENOTDIR')
                continue;
            throw new RoleConfigError(rel, `${rel}: cannot be read (${err instanceof Error ? err.message : String(err)}).`);
        }
    }
    if (file === undefined || text === undefined) {
        const roleAllow = {};
        for (const [role, list] of Object.entries(DEFAULT_ROLE_ALLOW))
            roleAllow[role] = [...list];
        return { roleAllow, protectedPaths: [], roleModels: {}, warnings: [], source: 'defaults' };
    }
    const repoRolesDir = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(repoRoot, ..._tasks_js__WEBPACK_IMPORTED_MODULE_5__/* .REPO_ROLES_DIR */ .Xc.split('/'));
    const isKnownRole = (role) => BUILTIN_ROLE_SET.has(role) || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(repoRolesDir, `${role}.md`));
    return parseRoleConfig(text, file, isKnownRole);
}


/***/ }),

/***/ 7141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_MODEL: () => (/* binding */ DEFAULT_MODEL),
/* harmony export */   END_OF_LIFE: () => (/* binding */ END_OF_LIFE),
/* harmony export */   PRICES: () => (/* binding */ PRICES),
/* harmony export */   PRICES_SOURCE: () => (/* binding */ PRICES_SOURCE),
/* harmony export */   UnknownModelError: () => (/* binding */ UnknownModelError),
/* harmony export */   costOf: () => (/* binding */ costOf),
/* harmony export */   costWithoutCache: () => (/* binding */ costWithoutCache),
/* harmony export */   endOfLifeWarning: () => (/* binding */ endOfLifeWarning),
/* harmony export */   priceOf: () => (/* binding */ priceOf)
/* harmony export */ });
const PRICES_SOURCE = 'Anthropic pricing, November 2026 (USD per million tokens)';
const DEFAULT_MODEL = 'claude-sonnet-5-5';
const PRICES = {
    'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 },
    'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
    'claude-opus-5-5': { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 },
    'claude-opus-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
    // No cache prices were published for this model: caching is priced as plain input.
    'claude-fable-5-1': { input: 10, output: 50, cacheWrite: 10, cacheRead: 10 },
    'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
    'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
    'claude-sonnet-4': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
};
/** Models past or near their end of life: choosing one is a warning, not an error. */
const END_OF_LIFE = {
    'claude-sonnet-4-5': '2026-11-30',
};
class UnknownModelError extends Error {
    model;
    constructor(model) {
        super(`Unknown model "${model}". Known models: ${Object.keys(PRICES).join(', ')}. ` +
            'To use another model, give its prices (input/output/cache-write/cache-read USD per million tokens).');
        this.model = model;
        this.name = 'UnknownModelError';
    }
}
function priceOf(model, custom) {
    if (custom)
        return custom;
    const price = PRICES[model];
    if (!price)
        throw new UnknownModelError(model);
    return price;
}
/** Warning text when the model is at or near end of life on `today` (ISO date), else null. */
function endOfLifeWarning(model, today = new Date().toISOString().slice(0, 10)) {
    const eol = END_OF_LIFE[model];
    if (!eol)
        return null;
    const verb = today >= eol ? 'reached' : 'reaches';
    return `Model ${model} ${verb} end of life on ${eol}: choose ${DEFAULT_MODEL} (the default) or another current model.`;
}
/** Cost in USD of the given token counts at the given price. */
function costOf(tokens, price) {
    return ((tokens.inputTokens * price.input +
        tokens.outputTokens * price.output +
        tokens.cacheCreationTokens * price.cacheWrite +
        tokens.cacheReadTokens * price.cacheRead) /
        1_000_000);
}
/** What the same tokens would cost if nothing were cached (cache writes and reads paid as input). */
function costWithoutCache(tokens, price) {
    return (((tokens.inputTokens + tokens.cacheCreationTokens + tokens.cacheReadTokens) * price.input +
        tokens.outputTokens * price.output) /
        1_000_000);
}


/***/ }),

/***/ 3782:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iy: () => (/* binding */ BUILTIN_ROLES),
/* harmony export */   Xc: () => (/* binding */ REPO_ROLES_DIR),
/* harmony export */   pq: () => (/* binding */ AUXILIARY_ROLES),
/* harmony export */   qC: () => (/* binding */ ROLE_NAME_PATTERN)
/* harmony export */ });
// The agent roles: the built-in ones the planner assigns, the auxiliary ones the engine uses after the plan,
// and the shape a repository's own role name must have.
const BUILTIN_ROLES = ['database', 'backend', 'frontend', 'integration', 'test'];
/** Where a repository keeps its own role prompts, relative to its root. */
const REPO_ROLES_DIR = '.github/implement-spec/agents';
/** A role name doubles as a file name and a CLI value, so it is kept to a safe, short shape. */
const ROLE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;
/** Roles with a built-in prompt that the planner never assigns (the engine uses them after the plan). */
const AUXILIARY_ROLES = ['review', 'fix'];


/***/ })

};
