export const id = 289;
export const ids = [289];
export const modules = {

/***/ 1715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ createStyle),
/* harmony export */   b: () => (/* binding */ useColor)
/* harmony export */ });
// Terminal colours: only on a TTY, never when NO_COLOR is set (https://no-color.org) or TERM=dumb.
function useColor(stream, env = process.env) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '')
        return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0')
        return true;
    if (env.TERM === 'dumb')
        return false;
    return stream.isTTY === true;
}
const wrap = (open, close) => (s) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s) => s;
function createStyle(color) {
    if (!color)
        return { red: plain, yellow: plain, green: plain, dim: plain, bold: plain, cyan: plain };
    return {
        red: wrap(31, 39),
        yellow: wrap(33, 39),
        green: wrap(32, 39),
        cyan: wrap(36, 39),
        dim: wrap(2, 22),
        bold: wrap(1, 22),
    };
}


/***/ }),

/***/ 8289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  t: () => (/* binding */ formatFinding),
  P: () => (/* binding */ formatVerdict),
  validateCommand: () => (/* binding */ validateCommand)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/minimatch/dist/esm/index.js + 8 modules
var esm = __webpack_require__(1138);
;// CONCATENATED MODULE: ./src/spec/discover.ts
// Turns CLI/action arguments (files, directories, globs) into the list of spec files to process.



const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const GLOB_CHARS = /[*?[\]{}]/;
async function walk(dir, keep, out) {
    let entries;
    try {
        entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
    }
    catch {
        return;
    }
    for (const entry of entries) {
        const full = external_node_path_default().join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name))
                await walk(full, keep, out);
        }
        else if (entry.isFile() && keep(full)) {
            out.push(full);
        }
    }
}
/** The part of a glob before its first wildcard segment: the directory to start walking from. */
function staticBase(pattern) {
    const parts = pattern.split('/');
    const fixed = [];
    for (const part of parts) {
        if (GLOB_CHARS.test(part))
            break;
        fixed.push(part);
    }
    if (fixed.length === parts.length)
        fixed.pop();
    const base = fixed.join('/');
    return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}
/** Each arg is a spec file, a directory (searched for *.md) or a glob; files come back absolute, sorted, unique. */
async function findSpecFiles(args, cwd) {
    const found = new Set();
    const problems = [];
    for (const arg of args) {
        const absolute = external_node_path_default().resolve(cwd, arg);
        if (GLOB_CHARS.test(arg)) {
            const pattern = external_node_path_default().isAbsolute(arg) ? arg : external_node_path_default().join(cwd, arg).split((external_node_path_default()).sep).join('/');
            const matches = [];
            await walk(external_node_path_default().resolve(staticBase(pattern)), (f) => (0,esm/* minimatch */.xF)(f.split((external_node_path_default()).sep).join('/'), pattern, { dot: true }), matches);
            if (matches.length === 0) {
                problems.push(`No file matches ${arg}. Check the pattern (quote it so the shell does not expand it).`);
            }
            for (const m of matches)
                found.add(m);
            continue;
        }
        let info;
        try {
            info = await (0,promises_.stat)(absolute);
        }
        catch {
            problems.push(`${arg} does not exist. Pass a spec file (.md), a directory of specs, or a glob like "specs/**/*.md".`);
            continue;
        }
        if (info.isDirectory()) {
            const matches = [];
            await walk(absolute, (f) => f.endsWith('.md'), matches);
            if (matches.length === 0) {
                problems.push(`${arg} is a directory with no .md specs in it. Add a spec there or pass the spec file itself.`);
            }
            for (const m of matches)
                found.add(m);
        }
        else {
            found.add(absolute);
        }
    }
    // Absolute paths: callers resolve them regardless of their own cwd and relativize them for display.
    const files = [...found].sort();
    return { files, problems };
}
/** True when a repository-relative path matches one of the spec path patterns (the action's trigger filter). */
function matchesSpecPaths(relPath, patterns) {
    const normalized = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
    return patterns.some((p) => minimatch(normalized, p.replace(/^\.\//, ''), { dot: true }));
}

// EXTERNAL MODULE: ./src/spec/load.ts
var load = __webpack_require__(1207);
// EXTERNAL MODULE: ./src/spec/validate.ts + 5 modules
var validate = __webpack_require__(6593);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./src/spec/validation-json.ts
// The `validate --json` document: one schema shared by the CLI, the action and the tests.

const FindingSchema = schemas/* object */.Ikc({
    gate: schemas/* enum */.k5n(['G1', 'G2', 'G3', 'G4']),
    rule: schemas/* string */.YjP().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    severity: schemas/* enum */.k5n(['error', 'warning', 'info']),
    message: schemas/* string */.YjP().min(1),
    line: schemas/* number */.aig().int().min(1),
    column: schemas/* number */.aig().int().min(1),
    hint: schemas/* string */.YjP(),
});
const SpecValidationSchema = schemas/* object */.Ikc({
    path: schemas/* string */.YjP(),
    id: schemas/* string */.YjP().nullable(),
    name: schemas/* string */.YjP().nullable(),
    complexity: schemas/* enum */.k5n(['EASY', 'MODERATE', 'HIGH']).nullable(),
    maturity: schemas/* number */.aig().int().nullable(),
    layout: schemas/* enum */.k5n(['formal', 'maturity']),
    ready: schemas/* boolean */.zMY(),
    score: schemas/* number */.aig().min(0).max(100),
    gates: schemas/* array */.YOg(schemas/* object */.Ikc({ gate: schemas/* enum */.k5n(['G1', 'G2', 'G3', 'G4']), applicable: schemas/* boolean */.zMY(), passed: schemas/* boolean */.zMY() })),
    findings: schemas/* array */.YOg(FindingSchema),
});
const ValidationReportSchema = schemas/* object */.Ikc({
    specs: schemas/* array */.YOg(SpecValidationSchema),
    summary: schemas/* object */.Ikc({ total: schemas/* number */.aig().int(), ready: schemas/* number */.aig().int(), notReady: schemas/* number */.aig().int() }),
});
function toValidationJson(v) {
    const m = v.spec.metadata;
    return {
        path: v.spec.path,
        id: m.id,
        name: m.name,
        complexity: m.complexity,
        maturity: m.maturity,
        layout: v.spec.layout,
        ready: v.ready,
        score: v.score,
        gates: v.gates.map((g) => ({ gate: g.gate, applicable: g.applicable, passed: g.passed })),
        findings: v.findings,
    };
}
function toValidationReport(validations) {
    const ready = validations.filter((v) => v.ready).length;
    return {
        specs: validations.map(toValidationJson),
        summary: { total: validations.length, ready, notReady: validations.length - ready },
    };
}

// EXTERNAL MODULE: ./src/cli/style.ts
var cli_style = __webpack_require__(1715);
// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __webpack_require__(7485);
;// CONCATENATED MODULE: ./src/cli/validate-command.ts








const READ_AHEAD = 32;
function formatFinding(path, f, style) {
    const sev = f.severity === 'error'
        ? style.red('error')
        : f.severity === 'warning'
            ? style.yellow('warning')
            : style.cyan('info');
    const hint = f.hint ? `  ${style.dim(`(${f.hint})`)}` : '';
    return `${path}:${f.line}:${f.column}  ${sev}  ${f.gate}/${f.rule}  ${f.message}${hint}`;
}
function formatVerdict(v, style) {
    const m = v.spec.metadata;
    const verdict = v.ready ? style.green('READY') : style.red('NOT READY');
    const errors = v.findings.filter((f) => f.severity === 'error').length;
    const warnings = v.findings.filter((f) => f.severity === 'warning').length;
    const gates = v.gates
        .filter((g) => g.applicable)
        .map((g) => `${g.gate} ${g.passed ? 'pass' : 'fail'}`)
        .join(', ');
    return `${verdict}  ${style.bold(v.spec.path)}  ${m.id ?? '(no id)'}  score ${v.score}%  [${gates}]  ${errors} error(s), ${warnings} warning(s)`;
}
async function validateCommand(argv, io) {
    const { values, positionals } = (0,external_node_util_.parseArgs)({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: { json: { type: 'boolean' }, strict: { type: 'boolean' }, quiet: { type: 'boolean' } },
    });
    if (positionals.length === 0) {
        throw new usage/* UsageError */.e('validate needs at least one spec file, directory or glob, e.g. `implement-spec validate specs/`.');
    }
    const { files, problems } = await findSpecFiles(positionals, io.cwd);
    if (problems.length > 0) {
        for (const p of problems)
            io.stderr(`implement-spec: ${p}`);
        return 2;
    }
    const validations = [];
    // Reads run ahead of parsing, a window at a time, so the CPU never waits on the disk one file at a time.
    const shown = (file) => {
        const rel = (0,external_node_path_.relative)(io.cwd, file).split(external_node_path_.sep).join('/');
        return rel.startsWith('..') ? file : rel;
    };
    for (let start = 0; start < files.length; start += READ_AHEAD) {
        const window = files.slice(start, start + READ_AHEAD).map((file) => (0,load/* loadSpec */.I)(file, shown(file)));
        // Rejections are awaited below in order; this keeps a later one from being reported as unhandled.
        for (const pending of window)
            pending.catch(() => { });
        for (const pending of window) {
            try {
                validations.push((0,validate/* validateSpec */.QN)(await pending));
            }
            catch (err) {
                if (err instanceof load.SpecReadError) {
                    io.stderr(`implement-spec: ${err.message}`);
                    return 2;
                }
                throw err;
            }
        }
    }
    const failed = (v) => !v.ready || (values.strict === true && v.findings.some((f) => f.severity === 'warning'));
    if (values.json) {
        io.stdout(JSON.stringify(toValidationReport(validations), null, 2));
    }
    else {
        const style = (0,cli_style/* createStyle */._)((0,cli_style/* useColor */.b)(io.stdoutStream, io.env));
        for (const v of validations) {
            if (values.quiet && !failed(v))
                continue;
            io.stdout(formatVerdict(v, style));
            for (const f of v.findings) {
                if (values.quiet && f.severity === 'info')
                    continue;
                io.stdout(`  ${formatFinding(v.spec.path, f, style)}`);
            }
        }
        const ready = validations.filter((v) => v.ready).length;
        io.stdout(`${validations.length} spec(s): ${ready} ready, ${validations.length - ready} not ready`);
    }
    return validations.some(failed) ? 1 : 0;
}


/***/ }),

/***/ 6593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  QN: () => (/* binding */ validateSpec)
});

// UNUSED EXPORTS: applicableGates, sortFindings

;// CONCATENATED MODULE: ./src/spec/gates/gate.ts
class GateRun {
    gate;
    findings = [];
    checks = 0;
    checksPassed = 0;
    constructor(gate) {
        this.gate = gate;
    }
    /** Counts one check; `passed` false means the findings added for it explain why. */
    check(passed) {
        this.checks++;
        if (passed)
            this.checksPassed++;
        return passed;
    }
    add(rule, severity, message, at, hint) {
        this.findings.push({
            gate: this.gate,
            rule,
            severity,
            message,
            line: at.line,
            column: at.column ?? 1,
            hint,
        });
    }
    result() {
        return { gate: this.gate, findings: this.findings, checks: this.checks, checksPassed: this.checksPassed };
    }
}
/** Where a finding about something absent points: the front matter, else the top of the file. */
function anchorLine(spec) {
    return { line: spec.frontMatter.line > 0 ? spec.frontMatter.line : 1, column: 1 };
}
const SECTION_TITLES = {
    overview: 'Overview',
    functional_requirements: 'Functional Requirements',
    non_functional_requirements: 'Non-Functional Requirements',
    security: 'Security',
    data_inventory: 'Data Inventory',
    data_model: 'Data Model',
    interfaces_and_contracts: 'Interfaces & Contracts',
    acceptance_tests: 'Acceptance Tests',
    deterministic_tests: 'Deterministic Tests',
    risks_and_open_questions: 'Risks & Open Questions',
    glossary_and_definitions: 'Glossary & Definitions',
    traceability: 'Traceability',
};
const LEVEL_NAMES = {
    1: 'Foundation',
    2: 'Technical Context',
    3: 'Robustness',
    4: 'Architecture & Governance',
    5: 'Complete Specification',
};

;// CONCATENATED MODULE: ./src/spec/gates/g1-structure.ts

const FORMAL_BY_MATURITY = [
    ['overview'],
    ['functional_requirements', 'acceptance_tests'],
    ['non_functional_requirements', 'security', 'data_inventory'],
    ['data_model', 'interfaces_and_contracts', 'risks_and_open_questions'],
    ['deterministic_tests', 'glossary_and_definitions'],
];
const FRONT_MATTER_RULES = new Set([
    'invalid-yaml',
    'duplicate-key',
    'unclosed-front-matter',
    'front-matter-not-mapping',
]);
const REQUIRED_FIELDS = ['specmas', 'kind', 'id', 'name', 'complexity', 'maturity'];
const MIN_BODY = 100;
function requiredSections(spec) {
    const maturity = spec.metadata.maturity ?? 1;
    if (spec.layout === 'maturity') {
        return Array.from({ length: maturity }, (_, i) => `level_${i + 1}`);
    }
    return FORMAL_BY_MATURITY.slice(0, maturity).flat();
}
function headingFor(key) {
    if (key.startsWith('level_')) {
        const n = Number(key.slice(6));
        return `## Level ${n}: ${LEVEL_NAMES[n] ?? ''}`.trim();
    }
    return `# ${SECTION_TITLES[key] ?? key}`;
}
function checkStructure(spec) {
    const run = new GateRun('G1');
    run.findings.push(...spec.findings);
    if (spec.findings.some((f) => f.rule === 'unreadable-file')) {
        run.check(false);
        return run.result();
    }
    run.check(!spec.findings.some((f) => f.severity === 'error' && FRONT_MATTER_RULES.has(f.rule)));
    // Missing or invalid fields were reported while parsing; an invalid value is null here.
    for (const field of REQUIRED_FIELDS)
        run.check(spec.metadata[field] !== null);
    const maturity = spec.metadata.maturity ?? 1;
    for (const key of requiredSections(spec)) {
        const section = spec.sections[key];
        const heading = headingFor(key);
        if (section === undefined) {
            run.check(false);
            run.add('missing-section', 'error', `Required section "${heading.replace(/^#+ /, '')}" is missing (required at maturity ${maturity}, ${spec.layout} layout).`, anchorLine(spec), `Add a \`${heading}\` heading with its content.`);
        }
        else if (section.empty) {
            run.check(false);
            run.add('empty-section', 'error', `Section "${section.title}" is empty.`, section, `Write the content of "${section.title}" under its heading, or describe why it does not apply.`);
        }
        else {
            run.check(true);
        }
    }
    if (!run.check(spec.bodyLength > MIN_BODY)) {
        run.add('body-too-short', 'error', `The spec body has ${spec.bodyLength} characters of content; more than ${MIN_BODY} are required.`, anchorLine(spec), 'Describe the feature: an Overview, its requirements and how to check them.');
    }
    return run.result();
}

// EXTERNAL MODULE: ./src/spec/parse.ts + 14 modules
var parse = __webpack_require__(7682);
// EXTERNAL MODULE: ./src/spec/tree.ts
var tree = __webpack_require__(2315);
;// CONCATENATED MODULE: ./src/spec/gates/g2-semantic.ts



// Bracketed placeholders come first so "[TBD]" is one finding, not also "TBD".
const VAGUE = /\[FILL IN\]|\[TBD\]|\bas\s+soon\s+as\s+possible\b|\bnice\s+to\s+have\b|\b(?:TBD|TODO|FIXME|should|might|probably|maybe|could|ASAP|fast|quickly|better|good)\b/gi;
function vagueHint(term) {
    const t = term.toLowerCase().replace(/\s+/g, ' ');
    if (['tbd', 'todo', 'fixme', '[fill in]', '[tbd]'].includes(t)) {
        return 'Replace the placeholder with the decision itself, or move the open point to Risks & Open Questions.';
    }
    if (['should', 'might', 'probably', 'maybe', 'could'].includes(t)) {
        return 'State it as a requirement ("must", "will") with a checkable outcome, or remove it.';
    }
    if (['asap', 'as soon as possible', 'fast', 'quickly'].includes(t)) {
        return 'Give a number with a unit instead, e.g. "within 300 ms" or "within 2 days".';
    }
    if (t === 'nice to have')
        return 'Decide: make it a requirement with a criterion, or leave it out of this spec.';
    return 'Say how it is measured, e.g. "error rate below 1%" or "p95 latency under 200 ms".';
}
function treeOf(spec) {
    return (0,tree/* recallTree */.o)(spec) ?? (0,tree/* recallTree */.o)((0,parse/* parseSpec */.F9)(spec.path, spec.source));
}
const SKIPPED = new Set(['code', 'inlineCode', 'html', 'yaml', 'definition', 'image', 'imageReference']);
/** Every occurrence of a vague term in prose text nodes, with its position in the file. */
function vagueTerms(spec) {
    const tree = treeOf(spec);
    if (tree === undefined)
        return [];
    const found = [];
    const stack = [tree.root];
    while (stack.length > 0) {
        const node = stack.pop();
        if (SKIPPED.has(node.type))
            continue;
        if (node.type === 'text') {
            const start = node.position?.start;
            const end = node.position?.end;
            if (start?.offset === undefined || end?.offset === undefined)
                continue;
            // Searching the source slice (not the unescaped value) keeps columns exact on continuation lines.
            const slice = tree.body.slice(start.offset, end.offset);
            // Lines are counted from the previous match on, so a long multi-line paragraph stays linear.
            let line = start.line;
            let lineStart = -1; // index in the slice where the current line starts; -1 for the node's first line
            let scanned = 0;
            VAGUE.lastIndex = 0;
            for (let m = VAGUE.exec(slice); m !== null; m = VAGUE.exec(slice)) {
                for (let nl = slice.indexOf('\n', scanned); nl !== -1 && nl < m.index; nl = slice.indexOf('\n', nl + 1)) {
                    line++;
                    lineStart = nl + 1;
                }
                scanned = m.index;
                const column = lineStart === -1 ? start.column + m.index : m.index - lineStart + 1;
                found.push({ term: m[0], line, column });
            }
            continue;
        }
        if (node.type === 'link') {
            // A bare URL (autolink) is an address, not prose.
            const only = node.children.length === 1 ? node.children[0] : undefined;
            if (only?.type === 'text' &&
                node.url
                    .replace(/^(mailto:|https?:\/\/)/, '')
                    .endsWith(only.value.replace(/^(mailto:|https?:\/\/)/, ''))) {
                continue;
            }
        }
        if ('children' in node) {
            const children = node.children;
            for (let i = children.length - 1; i >= 0; i--)
                stack.push(children[i]);
        }
    }
    return found;
}
const PERCENT = /\d+(?:[.,]\d+)?\s*%/;
const TIMED = /\d+(?:[.,]\d+)?\s*(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?)\b/i;
const SECURITY_ASPECTS = [
    { name: 'authentication', covered: (t) => /\b(authentication|authn)\b/.test(t) },
    {
        name: 'authorization',
        covered: (t) => /\b(authorization|authz|access control)\b/.test(t) ||
            (/\broles?\b/.test(t) && /\bpermissions?\b/.test(t)),
    },
    { name: 'encryption', covered: (t) => /\b(encryption|tls|ssl|https)\b/.test(t) },
    { name: 'data handling', covered: (t) => /\b(data handling|pii|retention|deletion)\b/.test(t) },
    { name: 'audit/logging', covered: (t) => /\b(audit|logging|logs)\b/.test(t) },
];
/** The text G2 reads for security: the Security section, Level 3 and Level 4, and any "Security…" subsection. */
function securityText(spec) {
    const parts = [];
    for (const key of ['security', 'level_3', 'level_4']) {
        const s = spec.sections[key];
        if (s)
            parts.push(s.title, s.text);
    }
    for (const s of spec.subsections) {
        if (s.key.startsWith('security') &&
            s.parent !== 'level_3' &&
            s.parent !== 'level_4' &&
            s.parent !== 'security') {
            parts.push(s.title, s.text);
        }
    }
    return parts.join('\n').toLowerCase();
}
function checkSemantic(spec) {
    const run = new GateRun('G2');
    const vague = vagueTerms(spec);
    run.check(vague.length === 0);
    for (const v of vague) {
        run.add('vague-term', 'error', `Vague term "${v.term}" in the spec text.`, v, vagueHint(v.term));
    }
    for (const fr of spec.functionalRequirements) {
        if (!run.check(fr.validationCriteria.length > 0)) {
            run.add('fr-without-validation', 'error', `${fr.id} "${fr.title}" has no validation criteria.`, fr, `Under ${fr.id}, add a "Validation Criteria:" line followed by list items that say how to check it.`);
        }
    }
    for (const ac of spec.acceptanceCriteria) {
        const missing = [ac.given ? null : 'Given', ac.when ? null : 'When', ac.then ? null : 'Then'].filter((x) => x !== null);
        if (!run.check(missing.length === 0)) {
            run.add('ac-missing-gwt', 'error', `Acceptance criterion ${ac.id} lacks ${missing.join(', ')}.`, ac, 'Write it as "Given <context>, When <action>, Then <observable result>".');
        }
    }
    if (spec.successMetrics.length > 0) {
        const all = spec.successMetrics.map((m) => m.text).join('\n');
        const measurable = /success metric/i.test(all) || PERCENT.test(all) || TIMED.test(all);
        if (!run.check(measurable)) {
            run.add('success-metrics-unmeasurable', 'error', 'No success metric is quantified (no percentage and no number with a time unit).', spec.successMetrics[0], 'Give each metric a target, e.g. "95% of searches return within 300 ms".');
        }
        for (const m of spec.successMetrics) {
            if (measurable && !/\d/.test(m.text)) {
                run.add('success-metric-without-number', 'warning', `Success metric ${m.id} has no number.`, m, 'Add a target value, e.g. a percentage, a count or a duration.');
            }
        }
    }
    const maturity = spec.metadata.maturity;
    if (maturity !== null && maturity >= 3) {
        const text = securityText(spec);
        const at = spec.sections.security ?? spec.sections.level_3 ?? anchorLine(spec);
        if (spec.metadata.complexity === 'EASY') {
            const covered = /\bsecurity\b/.test(text) || (spec.sections.security !== undefined && !spec.sections.security.empty);
            if (!run.check(covered)) {
                run.add('security-missing', 'error', 'Security is not addressed (maturity 3 or more requires it).', at, spec.layout === 'maturity'
                    ? 'Add a "### Security Considerations" subsection to Level 3.'
                    : 'Add a "# Security" section saying how the feature stays secure.');
            }
        }
        else {
            const missing = SECURITY_ASPECTS.filter((a) => !a.covered(text)).map((a) => a.name);
            if (!run.check(missing.length === 0)) {
                run.add('security-incomplete', 'error', `Security does not cover: ${missing.join(', ')}.`, at, `Add a line for each in the ${spec.layout === 'maturity' ? 'Level 3 Security Considerations' : 'Security section'}, e.g. "- ${missing[0][0].toUpperCase()}${missing[0].slice(1)}: …".`);
            }
        }
    }
    return run.result();
}

;// CONCATENATED MODULE: ./src/spec/gates/g3-traceability.ts

function checkTraceability(spec) {
    const run = new GateRun('G3');
    const acs = spec.acceptanceCriteria;
    const stories = spec.userStories;
    const frs = spec.functionalRequirements;
    const acHome = spec.layout === 'maturity'
        ? 'an "### Acceptance Criteria" list under Level 1'
        : 'a list under "# Acceptance Tests"';
    const acAnchor = spec.sections.acceptance_tests ??
        spec.subsections.find((s) => s.key === 'acceptance_criteria') ??
        anchorLine(spec);
    if (!run.check(acs.length > 0)) {
        run.add('no-acceptance-criteria', 'error', 'The spec has no acceptance criteria.', acAnchor, `Add ${acHome}: "- [ ] AT-1: Given …, When …, Then …".`);
    }
    if (stories.length > 0) {
        if (!run.check(acs.length >= stories.length)) {
            run.add('fewer-criteria-than-stories', 'error', `${stories.length} user stories but only ${acs.length} acceptance criteria.`, acs.length > 0 ? acAnchor : stories[0], 'Write at least one acceptance criterion per user story.');
        }
        if (!run.check(spec.successMetrics.length > 0)) {
            run.add('missing-success-metrics', 'error', 'The spec has user stories but no success metrics.', stories[0], 'Add a "Success Metrics" subsection with measurable targets, e.g. "- 95% of searches return within 300 ms".');
        }
    }
    if (frs.length > 0) {
        const numbered = acs.some((a) => a.number !== null) && frs.every((f) => f.number !== null);
        if (numbered) {
            const atNumbers = new Set(acs.map((a) => a.number).filter((n) => n !== null));
            for (const fr of frs) {
                if (!run.check(atNumbers.has(fr.number))) {
                    run.add('fr-without-at', 'error', `${fr.id} has no matching acceptance test AT-${fr.number}.`, fr, `Add "- [ ] AT-${fr.number}: Given …, When …, Then …" that checks ${fr.id}.`);
                }
            }
        }
        else if (!run.check(acs.length >= frs.length)) {
            run.add('fewer-criteria-than-frs', 'error', `${frs.length} functional requirements but only ${acs.length} acceptance criteria.`, acs.length > 0 ? acAnchor : frs[0], 'Write at least one acceptance criterion per requirement, numbered AT-<n> to match FR-<n>.');
        }
    }
    else if (spec.layout === 'maturity' && !run.check(stories.length > 0)) {
        run.add('missing-user-stories', 'error', 'The spec has neither functional requirements nor user stories.', spec.sections.level_1 ?? anchorLine(spec), 'Add a "### User Stories" subsection to Level 1: "- As a <role>, I want <goal>, so that <benefit>".');
    }
    return run.result();
}

;// CONCATENATED MODULE: ./src/spec/gates/g4-determinism.ts

const EXAMPLE = '```json\n{ "id": "DT-1", "description": "…", "input": {…}, "expected": {…} }\n```';
function checkDeterminism(spec) {
    const run = new GateRun('G4');
    const tests = spec.deterministicTests;
    const home = spec.sections.deterministic_tests ?? anchorLine(spec);
    if (!run.check(tests.length > 0)) {
        run.add('no-deterministic-tests', 'error', 'HIGH complexity specs need at least one deterministic test.', home, `Add a "# Deterministic Tests" section with a json block: ${EXAMPLE}`);
    }
    for (const block of spec.invalidTestBlocks ?? []) {
        run.check(false);
        run.add('dt-invalid-json', 'error', `Deterministic test block is not valid JSON: ${block.message}.`, block, 'Fix the JSON (double-quoted keys and strings, no trailing commas); one object or an array of objects.');
    }
    for (const test of tests) {
        if (!run.check(test.hasExpected)) {
            run.add('dt-missing-expected', 'error', `Deterministic test ${test.id} has no expected value.`, test, 'Add "expected" (or "expected_checksum" / "output") with the exact result.');
        }
        if (test.description === '' || test.input === undefined) {
            run.add('dt-incomplete', 'warning', `Deterministic test ${test.id} lacks ${test.description === '' ? '"description"' : '"input"'}.`, test, 'Give each test "id", "description", "input" and "expected".');
        }
    }
    return run.result();
}

;// CONCATENATED MODULE: ./src/spec/validate.ts
// Runs the applicable gates and turns their results into a verdict.




/** Which gates apply: G1 always, G2 from maturity 2, G3 from 3, G4 for HIGH. Unknown maturity counts as 1. */
function applicableGates(spec) {
    const maturity = spec.metadata.maturity ?? 1;
    return { G1: true, G2: maturity >= 2, G3: maturity >= 3, G4: spec.metadata.complexity === 'HIGH' };
}
const GATES = [
    ['G1', checkStructure],
    ['G2', checkSemantic],
    ['G3', checkTraceability],
    ['G4', checkDeterminism],
];
function sortFindings(findings) {
    return findings
        .map((f, i) => ({ f, i }))
        .sort((a, b) => a.f.line - b.f.line || a.f.column - b.f.column || a.i - b.i)
        .map((x) => x.f);
}
function validateSpec(spec) {
    const applicable = applicableGates(spec);
    const gates = [];
    const findings = [];
    let checks = 0;
    let passed = 0;
    for (const [gate, run] of GATES) {
        if (!applicable[gate]) {
            gates.push({ gate, applicable: false, passed: true, checks: 0, checksPassed: 0 });
            continue;
        }
        const result = run(spec);
        const failed = result.findings.some((f) => f.severity === 'error');
        gates.push({
            gate,
            applicable: true,
            passed: !failed,
            checks: result.checks,
            checksPassed: result.checksPassed,
        });
        findings.push(...result.findings);
        checks += result.checks;
        passed += result.checksPassed;
    }
    return {
        spec,
        gates,
        findings: sortFindings(findings),
        ready: gates.every((g) => g.passed),
        score: checks === 0 ? 0 : Math.round((passed / checks) * 100),
    };
}


/***/ })

};
