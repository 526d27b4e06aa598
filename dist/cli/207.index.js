export const id = 207;
export const ids = [207];
export const modules = {

/***/ 1207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ loadSpec),
/* harmony export */   SpecReadError: () => (/* binding */ SpecReadError)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7682);
// Reads a spec file. The only place in src/spec that touches the file system for a single spec.


/** The spec file could not be read at all (missing, a directory, no permission). The CLI exits 2 on it. */
class SpecReadError extends Error {
    path;
    reason;
    name = 'SpecReadError';
    constructor(path, reason) {
        super(`Cannot read spec ${path}: ${reason}`);
        this.path = path;
        this.reason = reason;
    }
}
function explain(error) {
    switch (error.code) {
        case 'ENOENT':
            return 'no such file; check the path (it is relative to the current directory)';
        case 'EISDIR':
            return 'it is a directory; pass a .md spec file inside it, or let the tool search it';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied; make the file readable';
        default:
            return error.message;
    }
}
async function loadSpec(path, displayPath) {
    let bytes;
    try {
        bytes = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path);
    }
    catch (error) {
        throw new SpecReadError(displayPath ?? path, explain(error));
    }
    return (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSpec */ .F9)(displayPath ?? path, bytes);
}


/***/ }),

/***/ 7682:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F9: () => (/* binding */ parseSpec)
});

// UNUSED EXPORTS: MAX_SPEC_BYTES, parseMarkdown

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/spec/frontmatter.ts
// Finds the YAML front matter block (v3 form at the top of the file, or the legacy form after an H1 title) and
// parses it with positions, so that YAML problems point at file lines rather than throwing.

const FENCE_LINE = /^---[ \t]*$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const YAML_KEY_LINE = /^["']?[A-Za-z_][^:]*["']?:(?:[ \t]|$)/;
function findClose(lines, from) {
    for (let i = from; i < lines.length; i++)
        if (FENCE_LINE.test(lines[i]))
            return i;
    return -1;
}
/** Locates the block on LF-split lines. Returns null when the file has no front matter. */
function locateFrontMatter(lines) {
    if (lines.length > 0 && FENCE_LINE.test(lines[0])) {
        return { form: 'v3', open: 0, close: findClose(lines, 1) };
    }
    // Legacy form: only an H1, blank or plain lines may come before it; a `---` inside code is never a fence.
    let fence = null;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (fence !== null) {
            const m = CODE_FENCE.exec(line);
            if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1])
                fence = null;
            continue;
        }
        const fenceOpen = CODE_FENCE.exec(line);
        if (fenceOpen) {
            fence = fenceOpen[1];
            continue;
        }
        const heading = ATX_HEADING.exec(line);
        if (heading && heading[1].length > 1)
            return null;
        if (FENCE_LINE.test(line)) {
            let next = i + 1;
            while (next < lines.length && lines[next].trim() === '')
                next++;
            // A thematic break followed by prose is not front matter.
            if (next >= lines.length || !YAML_KEY_LINE.test(lines[next]))
                return null;
            return { form: 'legacy', open: i, close: findClose(lines, next) };
        }
    }
    return null;
}
const SYNTAX_HINT = 'Fix the YAML syntax: one `key: value` per line, consistent indentation, quote values that contain `:` or `#`.';
function parseFrontMatter(lines, block) {
    if (block === null) {
        return { info: { form: 'none', line: 0, endLine: 0, keys: {} }, data: null, findings: [] };
    }
    const openLine = block.open + 1;
    if (block.close === -1) {
        return {
            info: { form: block.form, line: openLine, endLine: 0, keys: {} },
            data: null,
            findings: [
                {
                    gate: 'G1',
                    rule: 'unclosed-front-matter',
                    severity: 'error',
                    message: `The front matter opened at line ${openLine} is never closed.`,
                    line: openLine,
                    column: 1,
                    hint: 'Add a line containing only `---` after the last metadata field.',
                },
            ],
        };
    }
    const yamlText = lines.slice(block.open + 1, block.close).join('\n');
    const lineCounter = new dist.LineCounter();
    const doc = (0,dist.parseDocument)(yamlText, { lineCounter, prettyErrors: true, uniqueKeys: true });
    const findings = [];
    for (const error of doc.errors) {
        const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
        const duplicate = error.code === 'DUPLICATE_KEY';
        const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '');
        findings.push({
            gate: 'G1',
            rule: duplicate ? 'duplicate-key' : 'invalid-yaml',
            severity: 'error',
            message: duplicate
                ? `Front matter key is repeated: ${message}.`
                : `Front matter is not valid YAML: ${message}.`,
            line: openLine + pos.line,
            column: pos.col,
            hint: duplicate ? 'Keep one line per key; delete or merge the repeated one.' : SYNTAX_HINT,
        });
    }
    const keys = {};
    if ((0,dist.isMap)(doc.contents)) {
        for (const pair of doc.contents.items) {
            const key = (0,dist.isScalar)(pair.key) ? String(pair.key.value) : null;
            const start = (0,dist.isScalar)(pair.key) ? pair.key.range?.[0] : undefined;
            if (key === null || start === undefined || key in keys)
                continue;
            const p = lineCounter.linePos(start);
            keys[key] = { line: openLine + p.line, column: p.col };
        }
    }
    let data = null;
    try {
        const value = doc.toJS({ maxAliasCount: 100 });
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
            data = value;
        }
        else if (value !== null && value !== undefined) {
            findings.push({
                gate: 'G1',
                rule: 'front-matter-not-mapping',
                severity: 'error',
                message: 'The front matter is not a list of `key: value` fields.',
                line: openLine + 1,
                column: 1,
                hint: 'Write the metadata as `key: value` lines, e.g. `name: Product price filter`.',
            });
        }
    }
    catch (error) {
        findings.push({
            gate: 'G1',
            rule: 'invalid-yaml',
            severity: 'error',
            message: `Front matter could not be read: ${error.message}.`,
            line: openLine,
            column: 1,
            hint: SYNTAX_HINT,
        });
    }
    return { info: { form: block.form, line: openLine, endLine: block.close + 1, keys }, data, findings };
}

;// CONCATENATED MODULE: ./src/spec/text.ts
/** Heading text → section key: lowercase, `&` → `and`, other runs → `_`. Leading numbering ("2. ") is dropped
 *  because real specs often number their sections. */
function headingKey(text) {
    return text
        .replace(/^\s*\d+(?:\.\d+)*[.)]?\s+/, '')
        .toLowerCase()
        .replace(/&/g, ' and ')
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '');
}
const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'tableCell', 'blockquote', 'code']);
// The extractors ask for the text of the same node several times (a section, then its items); trees are
// never changed after parsing, so each node's text is computed once.
const plainTextCache = new WeakMap();
/** Concatenated text of a node, iterative so that deeply nested input cannot overflow the stack. */
function plainText(node) {
    const cached = plainTextCache.get(node);
    if (cached !== undefined)
        return cached;
    const text = computePlainText(node);
    plainTextCache.set(node, text);
    return text;
}
function computePlainText(node) {
    const out = [];
    // null marks the end of a block, where a space keeps the words of adjacent blocks apart
    const stack = [node];
    while (stack.length > 0) {
        const current = stack.pop();
        if (current === null || current === undefined) {
            out.push(' ');
            continue;
        }
        if (current.type === 'html')
            continue;
        if ('value' in current && typeof current.value === 'string') {
            out.push(current.value);
            if (current.type === 'code')
                out.push(' ');
            continue;
        }
        if ('children' in current) {
            if (BLOCKS.has(current.type))
                stack.push(null);
            const children = current.children;
            for (let i = children.length - 1; i >= 0; i--)
                stack.push(children[i]);
        }
    }
    return out.join('').replace(/\s+/g, ' ').trim();
}
/** Offsets at which each line starts (0-based line index). */
function lineStarts(text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        starts.push(i + 1);
    return starts;
}
/** 1-based line/column of an offset, by binary search over line starts. */
function offsetToPos(starts, offset) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
}
/** First line of a text, trimmed and shortened for titles. */
function firstLine(text, max = 160) {
    const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
    return line.length > max ? line.slice(0, max - 1) + '…' : line;
}

;// CONCATENATED MODULE: ./src/spec/items.ts

const AREA_KEYS = {
    AC: ['acceptance_tests', 'acceptance_criteria', 'acceptancetests', 'testing_strategy', 'testingstrategy'],
    US: ['user_stories', 'user_story', 'stories'],
    SM: ['success_metrics', 'success_criteria', 'metrics', 'kpis'],
    DT: ['deterministic_tests', 'deterministictests'],
    DM: ['data_model', 'data_models', 'datamodel', 'entities', 'schema', 'database_schema', 'data_schema'],
    API: [
        'interfaces_and_contracts',
        'interfaces_contracts',
        'interfaces',
        'api',
        'apis',
        'api_endpoints',
        'endpoints',
        'api_contracts',
        'contracts',
        'api_design',
    ],
    INT: ['integration_points', 'integrations', 'external_integrations'],
    ERR: ['error_scenarios', 'error_handling', 'errors', 'failure_modes', 'error_cases'],
    SEC: ['security', 'security_considerations', 'security_requirements'],
    PERF: ['performance', 'performance_requirements', 'performance_targets'],
};
const KIND_OF_KEY = new Map();
for (const [kind, keys] of Object.entries(AREA_KEYS)) {
    for (const key of keys)
        KIND_OF_KEY.set(key, kind);
}
function areaKindOf(key) {
    return KIND_OF_KEY.get(key);
}
const FR_HEADING = /^FR[-\s]?(\d+)\s*(?:[:.)\-–—]\s*)?(.*)$/i;
const AT_PREFIX = /^\s*(?:\[[ xX]\]\s*)?(?:\*\*|__)?\s*(AT|AC)[-\s]?(\d+)\b\s*(?:\*\*|__)?\s*[:.)\-–—]?\s*/i;
const VALIDATION_LABEL = /validation\s+criteria/i;
const USER_STORY_PARAGRAPH = /^\s*(?:\*\*)?as\s+an?\b/i;
const SUCCESS_METRIC_ITEM = /^\W*success\s+metrics?\b/i;
const DECLARATION = /^\s*(?:export\s+)?(?:interface|type|class|enum|model|table|entity)\s+([A-Za-z_][\w]*)|create\s+table\s+(?:if\s+not\s+exists\s+)?[`"]?([A-Za-z_][\w.]*)/gim;
function emptyItemLists() {
    return {
        functionalRequirements: [],
        acceptanceCriteria: [],
        userStories: [],
        successMetrics: [],
        deterministicTests: [],
        dataModels: [],
        interfaces: [],
        integrationPoints: [],
        errorScenarios: [],
        securityItems: [],
        performanceItems: [],
    };
}
function posOf(node) {
    return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}
function sliceOf(body, first, last) {
    const start = first?.position?.start.offset;
    const end = last?.position?.end.offset;
    return start === undefined || end === undefined ? '' : body.slice(start, end);
}
function draft(kind, title, text, pos, section, explicit = null) {
    return {
        id: explicit?.id ?? '',
        kind,
        title: firstLine(title),
        text,
        line: pos.line,
        column: pos.column,
        section,
        explicitId: explicit !== null,
        number: explicit?.number ?? null,
    };
}
/** An explicit `PREFIX-n` at the start of an item, e.g. `US-2: As a shopper…`. */
const prefixPatterns = new Map();
function explicitPrefix(text, prefix) {
    let pattern = prefixPatterns.get(prefix);
    if (!pattern) {
        pattern = new RegExp(`^\\s*(?:\\*\\*|__)?\\s*${prefix}-(\\d+)\\b\\s*(?:\\*\\*|__)?\\s*[:.)\\-–—]?\\s*`, 'i');
        prefixPatterns.set(prefix, pattern);
    }
    const m = pattern.exec(text);
    if (!m)
        return null;
    return { id: `${prefix}-${Number(m[1])}`, number: Number(m[1]), rest: text.slice(m[0].length) };
}
function listItemDraft(item, kind, prefix, section, ctx) {
    const text = sliceOf(ctx.body, item.children[0], item.children[item.children.length - 1]);
    const plain = plainText(item.children[0] ?? item);
    const explicit = explicitPrefix(plain, prefix);
    return draft(kind, explicit ? explicit.rest : plain, text, posOf(item), section, explicit);
}
function acceptanceDraft(plain, text, pos, section) {
    const m = AT_PREFIX.exec(plain);
    const explicit = m ? { id: `${m[1].toUpperCase()}-${Number(m[2])}`, number: Number(m[2]) } : null;
    const title = m ? plain.slice(m[0].length) : plain;
    const base = draft('AC', title || plain, text, pos, section, explicit);
    return {
        ...base,
        kind: 'AC',
        given: /\bgiven\b/i.test(plain),
        when: /\bwhen\b/i.test(plain),
        // `then` is the field name of the shared AcceptanceCriterion contract; the object is never awaited.
        // biome-ignore lint/suspicious/noThenProperty: contract field name
        then: /\bthen\b/i.test(plain),
    };
}
/** Root-level nodes of an area that are not inside a nested area of another (or the same) kind. */
function ownNodes(area, ctx) {
    const own = [];
    for (let i = area.index + 1; i < area.end; i++) {
        const nested = ctx.headingAt.get(i);
        if (nested && areaKindOf(ctx.keyOf.get(i) ?? nested.key) !== undefined) {
            i = nested.end - 1;
            continue;
        }
        own.push(i);
    }
    return own;
}
function validationCriteria(fr, ctx, section) {
    const found = [];
    const add = (item) => found.push(listItemDraft(item, 'VC', 'VC', section, ctx));
    let labelledUntil = -1; // a "Validation Criteria" heading labels every list up to its region end
    let nextListLabelled = false; // a "Validation Criteria:" paragraph labels the list that follows it
    for (let i = fr.index + 1; i < fr.end; i++) {
        const node = ctx.children[i];
        if (node.type === 'heading') {
            const info = ctx.headingAt.get(i);
            labelledUntil = VALIDATION_LABEL.test(info.title) ? info.end : -1;
            nextListLabelled = false;
        }
        else if (node.type === 'paragraph') {
            nextListLabelled = VALIDATION_LABEL.test(plainText(node));
        }
        else if (node.type === 'list') {
            for (const item of node.children) {
                if (nextListLabelled || i < labelledUntil) {
                    add(item);
                    continue;
                }
                const head = item.children[0];
                if (head?.type !== 'paragraph' || !VALIDATION_LABEL.test(plainText(head)))
                    continue;
                const nestedLists = item.children.filter((c) => c.type === 'list');
                for (const nested of nestedLists)
                    for (const sub of nested.children)
                        add(sub);
                const rest = plainText(head).replace(/^.*?validation\s+criteria\s*:?\s*/i, '');
                if (nestedLists.length === 0 && rest !== '') {
                    found.push(draft('VC', rest, sliceOf(ctx.body, head, head), posOf(item), section));
                }
            }
            nextListLabelled = false;
        }
        else {
            nextListLabelled = false;
        }
    }
    return found;
}
function parseJsonBlock(code, section, tests, errors) {
    const pos = posOf(code);
    let value;
    try {
        value = JSON.parse(code.value);
    }
    catch (error) {
        const message = error.message;
        // Point at the offending line inside the block when the engine tells the position.
        const at = /position (\d+)/.exec(message);
        const lineInBlock = at ? code.value.slice(0, Number(at[1])).split('\n').length : 0;
        errors.push({ line: pos.line + lineInBlock, column: lineInBlock > 0 ? 1 : pos.column, message });
        return;
    }
    const entries = Array.isArray(value) ? value : [value];
    entries.forEach((entry, index) => {
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
            errors.push({ ...pos, message: `entry ${index + 1} is not an object` });
            return;
        }
        const record = entry;
        const rawId = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id).trim() : '';
        const key = ['expected', 'expected_checksum', 'output'].find((k) => k in record);
        // Point at the entry's own line when its id can be found in the block.
        const idAt = rawId === '' ? -1 : code.value.indexOf(JSON.stringify(rawId));
        const lineInBlock = idAt === -1 ? 0 : code.value.slice(0, idAt).split('\n').length;
        const description = typeof record.description === 'string' ? record.description : '';
        const explicit = rawId === '' ? null : { id: /^DT/i.test(rawId) ? rawId : `DT-${rawId}`, number: Number.NaN };
        const base = draft('DT', description || rawId || `deterministic test ${tests.length + 1}`, JSON.stringify(entry, null, 2), { line: pos.line + lineInBlock, column: lineInBlock > 0 ? 1 : pos.column }, section, explicit);
        tests.push({
            ...base,
            number: null,
            kind: 'DT',
            description,
            input: record.input,
            expected: key === undefined ? undefined : record[key],
            hasExpected: key !== undefined && record[key] !== undefined && record[key] !== null,
        });
    });
}
function codeBlocksIn(nodes) {
    const found = [];
    const stack = [...nodes].reverse();
    while (stack.length > 0) {
        const node = stack.pop();
        if (node.type === 'code')
            found.push(node);
        else if ('children' in node) {
            const children = node.children;
            for (let i = children.length - 1; i >= 0; i--)
                stack.push(children[i]);
        }
    }
    return found;
}
/**
 * The steps: (1) each heading is an FR, or opens an area whose kind says how its items are written (DT: JSON
 * blocks; AC: list items or AT headings; US/SM: list items, else paragraphs; the rest: sub-headings, else list
 * items, else declarations, else paragraphs); (2) "Success metrics:" list items outside a metrics area;
 * (3) every item in one list, in document order per kind.
 */
function extractItems(root, headings, keyOf, parentOf, body) {
    const ctx = {
        children: root.children,
        body,
        headingAt: new Map(headings.map((h) => [h.index, h])),
        keyOf,
    };
    const out = { ...emptyItemLists(), testBlockErrors: [], all: [] };
    const bucket = {
        DM: out.dataModels,
        API: out.interfaces,
        INT: out.integrationPoints,
        ERR: out.errorScenarios,
        SEC: out.securityItems,
        PERF: out.performanceItems,
    };
    const inSmArea = new Set();
    for (const h of headings) {
        const key = keyOf.get(h.index) ?? h.key;
        const fr = FR_HEADING.exec(h.title);
        if (fr) {
            out.functionalRequirements.push(requirementItem(h, fr, parentOf.get(h.index) ?? key, ctx));
            continue;
        }
        const kind = areaKindOf(key) ?? areaKindOf(h.key);
        if (kind === undefined)
            continue;
        const own = ownNodes(h, ctx);
        const section = key;
        if (kind === 'DT') {
            for (const code of codeBlocksIn(own.map((i) => ctx.children[i]))) {
                if ((code.lang ?? '').toLowerCase() === 'json')
                    parseJsonBlock(code, section, out.deterministicTests, out.testBlockErrors);
            }
        }
        else if (kind === 'AC') {
            out.acceptanceCriteria.push(...acceptanceItems(own, section, ctx));
        }
        else {
            const listItems = ownListItems(own, kind, section, ctx);
            if (kind === 'SM')
                for (const i of own)
                    if (ctx.children[i].type === 'list')
                        inSmArea.add(i);
            if (kind === 'US')
                out.userStories.push(...storyOrMetricItems(kind, own, listItems, section, ctx));
            else if (kind === 'SM')
                out.successMetrics.push(...storyOrMetricItems(kind, own, listItems, section, ctx));
            else
                bucket[kind].push(...areaItems(kind, own, listItems, section, ctx));
        }
    }
    out.successMetrics.push(...inlineSuccessMetrics(root, ctx, inSmArea));
    out.all.push(...inDocumentOrder(out));
    return out;
}
/** An `FR-n` heading: the requirement, its text everything below the heading, with its validation criteria. */
function requirementItem(h, fr, section, ctx) {
    const number = Number(fr[1]);
    const first = ctx.children[h.index + 1];
    const last = h.end > h.index + 1 ? ctx.children[h.end - 1] : undefined;
    const item = draft('FR', fr[2] || h.title, sliceOf(ctx.body, first, last), h, section, {
        id: `FR-${number}`,
        number,
    });
    item.validationCriteria = validationCriteria(h, ctx, `FR-${number}`);
    return item;
}
/** An acceptance area's criteria: its top-level list items, and ATs written as headings. */
function acceptanceItems(own, section, ctx) {
    const found = [];
    for (let k = 0; k < own.length; k++) {
        const i = own[k];
        const node = ctx.children[i];
        if (node.type === 'list') {
            for (const item of node.children) {
                const text = sliceOf(ctx.body, item.children[0], item.children[item.children.length - 1]);
                found.push(acceptanceDraft(plainText(item), text, posOf(item), section));
            }
        }
        else if (node.type === 'heading' && AT_PREFIX.test(plainText(node))) {
            // An AT written as a heading owns the lists below it (its Given/When/Then lines).
            const info = ctx.headingAt.get(i);
            const nodes = ctx.children.slice(i + 1, info.end);
            const text = sliceOf(ctx.body, nodes[0], nodes[nodes.length - 1]);
            const plain = [info.title, ...nodes.map((n) => plainText(n))].join(' ');
            const ac = acceptanceDraft(plain, text, info, section);
            ac.title = firstLine(info.title.replace(AT_PREFIX, '') || info.title);
            found.push(ac);
            while (k + 1 < own.length && own[k + 1] < info.end)
                k++;
        }
    }
    return found;
}
/** The items of the area's own top-level lists, `KIND-n` prefixes read as explicit ids. */
function ownListItems(own, kind, section, ctx) {
    const items = [];
    for (const i of own) {
        const node = ctx.children[i];
        if (node.type !== 'list')
            continue;
        for (const item of node.children)
            items.push(listItemDraft(item, kind, kind, section, ctx));
    }
    return items;
}
/** Stories and metrics: the list items, else the paragraphs (for stories, those that read "As a …"). */
function storyOrMetricItems(kind, own, listItems, section, ctx) {
    if (listItems.length > 0)
        return listItems;
    const found = [];
    for (const i of own) {
        const node = ctx.children[i];
        if (node.type !== 'paragraph')
            continue;
        const plain = plainText(node);
        if (kind === 'US' && !USER_STORY_PARAGRAPH.test(plain))
            continue;
        found.push(draft(kind, plain, sliceOf(ctx.body, node, node), posOf(node), section));
    }
    return found;
}
/** The other kinds: sub-headings, else list items, else (data models) declarations, else paragraphs. */
function areaItems(kind, own, listItems, section, ctx) {
    // Sub-headings first: `## Product` under Data Model is one model with its fields below it.
    const subHeadings = own.map((i) => ctx.headingAt.get(i)).filter((x) => x !== undefined);
    if (subHeadings.length > 0)
        return subHeadingItems(kind, subHeadings, section, ctx);
    if (listItems.length > 0)
        return listItems;
    const declared = kind === 'DM' ? declarationItems(kind, own, section, ctx) : [];
    if (declared.length > 0)
        return declared;
    const items = [];
    for (const i of own) {
        const node = ctx.children[i];
        if (node.type !== 'paragraph')
            continue;
        const p = node;
        items.push(draft(kind, plainText(p), sliceOf(ctx.body, p, p), posOf(p), section));
    }
    return items;
}
/** The shallowest sub-headings of an area, each an item whose text is what lies below it. */
function subHeadingItems(kind, subHeadings, section, ctx) {
    const depth = Math.min(...subHeadings.map((s) => s.depth));
    return subHeadings
        .filter((s) => s.depth === depth)
        .map((s) => {
        const first = ctx.children[s.index + 1];
        const last = s.end > s.index + 1 ? ctx.children[s.end - 1] : undefined;
        const explicit = explicitPrefix(s.title, kind);
        return draft(kind, explicit ? explicit.rest : s.title, sliceOf(ctx.body, first, last), s, section, explicit);
    });
}
/** `interface`/`type`/`class`/`CREATE TABLE` declarations in the area's code blocks. */
function declarationItems(kind, own, section, ctx) {
    const items = [];
    for (const code of codeBlocksIn(own.map((i) => ctx.children[i]))) {
        const base = posOf(code);
        DECLARATION.lastIndex = 0;
        for (let m = DECLARATION.exec(code.value); m !== null; m = DECLARATION.exec(code.value)) {
            const line = base.line + code.value.slice(0, m.index).split('\n').length;
            const name = m[1] ?? m[2] ?? '';
            items.push(draft(kind, name, m[0].trim(), { line, column: 1 }, section));
        }
    }
    return items;
}
/** "- Success metrics: 99% accuracy" written in the overview is a success metric too. */
function inlineSuccessMetrics(root, ctx, inSmArea) {
    const found = [];
    let enclosing = '';
    root.children.forEach((node, index) => {
        const heading = ctx.headingAt.get(index);
        if (heading)
            enclosing = ctx.keyOf.get(index) ?? heading.key;
        if (node.type !== 'list' || inSmArea.has(index))
            return;
        for (const item of node.children) {
            const head = item.children[0];
            if (head?.type === 'paragraph' && SUCCESS_METRIC_ITEM.test(plainText(head))) {
                const text = sliceOf(ctx.body, item.children[0], item.children[item.children.length - 1]);
                found.push(draft('SM', plainText(head), text, posOf(item), enclosing));
            }
        }
    });
    return found;
}
/** Every item, kind by kind, each FR followed by its validation criteria. */
function inDocumentOrder(out) {
    return [
        ...out.functionalRequirements.flatMap((fr) => [fr, ...fr.validationCriteria]),
        ...out.acceptanceCriteria,
        ...out.userStories,
        ...out.successMetrics,
        ...out.deterministicTests,
        ...out.dataModels,
        ...out.interfaces,
        ...out.integrationPoints,
        ...out.errorScenarios,
        ...out.securityItems,
        ...out.performanceItems,
    ];
}

;// CONCATENATED MODULE: ./src/spec/markdown/inline-scan.ts
// Finds where inline constructs end in a token's source content, which markdown-it's tokens do not record.
/** Offset just past the link destination/title or reference that follows `]` at `at`; `at` itself if none. */
function linkTailEnd(content, at) {
    if (content[at] === '[') {
        const close = content.indexOf(']', at + 1);
        return close === -1 ? at : close + 1;
    }
    if (content[at] !== '(')
        return at;
    let depth = 0;
    for (let i = at; i < content.length; i++) {
        const c = content[i];
        if (c === '\\')
            i++;
        else if ((c === '"' || c === "'") && /\s/.test(content[i - 1] ?? '')) {
            const close = content.indexOf(c, i + 1);
            if (close !== -1)
                i = close;
        }
        else if (c === '<' && i === skipWhitespace(content, at + 1)) {
            const close = content.indexOf('>', i + 1);
            if (close !== -1)
                i = close;
        }
        else if (c === '(')
            depth++;
        else if (c === ')' && --depth === 0)
            return i + 1;
    }
    return at;
}
function skipWhitespace(content, from) {
    let i = from;
    while (i < content.length && /\s/.test(content[i]))
        i++;
    return i;
}
/** End of the `]` that closes the `[` at `open`, skipping nested brackets and escapes. */
function matchingBracket(content, open) {
    let depth = 0;
    for (let i = open; i < content.length; i++) {
        const c = content[i];
        if (c === '\\')
            i++;
        else if (c === '[')
            depth++;
        else if (c === ']' && --depth === 0)
            return i + 1;
    }
    return content.length;
}
/** End of the inline code span whose opening backtick run starts at `at`. */
function codeSpanEnd(content, at, fence) {
    let i = at + fence.length;
    for (;;) {
        const j = content.indexOf(fence, i);
        if (j === -1)
            return content.length;
        let k = j + fence.length;
        if (content[k] !== '`' && content[j - 1] !== '`')
            return k;
        while (content[k] === '`')
            k++;
        i = k;
    }
}

;// CONCATENATED MODULE: ./src/spec/markdown/lines.ts
/** Where a line starts and ends in the text, and how to turn offsets into points. */
class Lines {
    text;
    starts = [0];
    constructor(text) {
        this.text = text;
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
            this.starts.push(i + 1);
    }
    get count() {
        return this.starts.length;
    }
    start(line) {
        return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)];
    }
    /** Offset of the line's end, before its newline. */
    end(line) {
        return line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    }
    /** Point of an offset known to lie on `line` (0-based). */
    point(line, offset) {
        return { line: line + 1, column: offset - this.start(line) + 1, offset };
    }
    /** Point of any offset, by binary search. */
    pointAt(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return this.point(lo, offset);
    }
    isBlank(line) {
        for (let i = this.start(line), end = this.end(line); i < end; i++) {
            const c = this.text.charCodeAt(i);
            if (c !== 0x20 && c !== 0x09)
                return false;
        }
        return true;
    }
    /** End of the last non-blank line in [first, last], trailing blanks of that line excluded. */
    contentEnd(first, last) {
        let line = Math.min(last, this.count - 1);
        while (line > first && this.isBlank(line))
            line--;
        let end = this.end(line);
        const start = this.start(line);
        while (end > start && isSpace(this.text.charCodeAt(end - 1)))
            end--;
        return this.point(line, end);
    }
}
function isSpace(c) {
    return c === 0x20 || c === 0x09;
}
function skipSpaces(text, from, limit) {
    let i = from;
    while (i < limit && isSpace(text.charCodeAt(i)))
        i++;
    return i;
}

// EXTERNAL MODULE: ./node_modules/markdown-it/index.mjs + 74 modules
var markdown_it = __webpack_require__(9193);
;// CONCATENATED MODULE: ./src/spec/markdown/parser.ts
// The one configured markdown-it instance: options and nesting limits every parse shares.

/** Block token levels markdown-it builds before it stops nesting (a list level costs two: list + item). Deep
 *  enough for a 500-level nested list; the block parser recurses per level, and this bound keeps it far from the
 *  stack limit. */
const MAX_NESTING = 1200;
/** Inline nesting (links in emphasis in …) keeps markdown-it's default: each unmatched `[` costs work in
 *  proportion to it, so 1200 would make a line of brackets 12× slower, and prose never nests 100 deep. */
const INLINE_NESTING = 100;
// maxNesting is a real option that @types/markdown-it does not declare; a variable avoids the literal check.
const options = { html: true, linkify: true, maxNesting: MAX_NESTING };
const md = new markdown_it/* default */.A('default', options);
// Keep escapes and entities as their own tokens: their source form (`\*`, `&amp;`) differs from their text, and
// text positions are found by walking the source.
md.core.ruler.disable('text_join');
// markdown-it reads maxNesting when each phase runs, and parsing is synchronous: one limit per phase.
const liveOptions = md.options;
md.core.ruler.before('block', 'block_nesting', () => {
    liveOptions.maxNesting = MAX_NESTING;
});
md.core.ruler.after('block', 'inline_nesting', () => {
    liveOptions.maxNesting = INLINE_NESTING;
});

;// CONCATENATED MODULE: ./src/spec/markdown/inline.ts



/** `[text][ref]`, `[text][]` and `[text]` become linkReference nodes, as in remark: G2 treats a link whose text
 *  ends its URL as a bare address, which a reference link never is. */
function asReference(node, content, labelEnd, tailEnd) {
    const fields = node;
    const ref = content[labelEnd] === '[' ? content.slice(labelEnd + 1, tailEnd - 1) : '';
    const label = ref !== '' ? ref : plainLabel(node.children);
    delete fields.url;
    delete fields.title;
    Object.assign(fields, {
        type: 'linkReference',
        identifier: label.replace(/\s+/g, ' ').trim().toLowerCase(),
        label,
        referenceType: content[labelEnd] !== '[' ? 'shortcut' : ref === '' ? 'collapsed' : 'full',
    });
}
function plainLabel(children) {
    return children
        .map((c) => ('value' in c ? c.value : 'children' in c ? plainLabel(c.children) : ''))
        .join('');
}
/** The phrasing nodes of one inline token stream, each with its position in `content`. */
function convertInline(tokens, content, locate) {
    const tree = new InlineTree(content, locate);
    for (const token of tokens)
        tree.add(token);
    return tree.finish();
}
/**
 * Builds the nodes token by token. markdown-it's inline tokens carry no offsets, so a cursor walks `content`
 * alongside them: each token is found at or after the cursor, and the cursor moves past it.
 */
class InlineTree {
    top = [];
    open = [];
    cursor = 0;
    /** The text node still being extended, if the last node added was text. */
    text = null;
    textStart = 0;
    content;
    locate;
    constructor(content, locate) {
        this.content = content;
        this.locate = locate;
    }
    add(token) {
        switch (token.type) {
            case 'text':
                // Emphasis delimiters that became strong/em leave empty text tokens behind.
                if (token.content !== '')
                    this.addFound(token.content, token.content);
                break;
            case 'text_special':
                this.addFound(token.content, token.markup);
                break;
            case 'softbreak':
                this.softbreak();
                break;
            case 'hardbreak':
                this.hardbreak();
                break;
            case 'code_inline':
                this.codeInline(token);
                break;
            case 'html_inline': {
                const at = this.find(token.content);
                this.cursor = at + token.content.length;
                this.push({ type: 'html', value: token.content, position: this.span(at, this.cursor) });
                break;
            }
            case 'em_open':
            case 'strong_open':
            case 's_open':
                this.delimiterOpen(token);
                break;
            case 'em_close':
            case 'strong_close':
            case 's_close':
                this.cursor = this.find(token.markup) + token.markup.length;
                this.closeNode(this.cursor);
                break;
            case 'link_open':
                this.linkOpen(token);
                break;
            case 'link_close':
                this.linkClose();
                break;
            case 'image':
                this.image(token);
                break;
            default:
                break;
        }
    }
    finish() {
        // Unclosed inline containers cannot come from markdown-it, but a truncated stream must not lose nodes.
        while (this.open.length > 0)
            this.closeNode(this.cursor);
        return this.top;
    }
    siblings() {
        return this.open.length > 0 ? this.open[this.open.length - 1].node.children : this.top;
    }
    find(needle) {
        const at = needle === '' ? this.cursor : this.content.indexOf(needle, this.cursor);
        return at === -1 ? this.cursor : at;
    }
    span(start, end) {
        return { start: this.locate.point(start), end: this.locate.point(end) };
    }
    /** Text whose source is `source` (the value itself, or an escape's markup), found from the cursor on. */
    addFound(value, source) {
        const at = this.find(source);
        this.addText(value, at, at + source.length);
    }
    addText(value, start, end) {
        if (this.text === null) {
            this.text = { type: 'text', value, position: this.span(start, end) };
            this.textStart = start;
            this.siblings().push(this.text);
        }
        else {
            this.text.value += value;
            this.text.position = this.span(this.textStart, end);
        }
        this.cursor = end;
    }
    push(node) {
        this.text = null;
        this.siblings().push(node);
    }
    openNode(node, token, start) {
        node.position = this.span(start, this.cursor);
        this.push(node);
        this.open.push({ node, token });
    }
    closeNode(end) {
        this.text = null;
        const done = this.open.pop();
        if (done?.node.position)
            done.node.position.end = this.locate.point(end);
    }
    /** The point at the start of the line after the one ending at `nl` (the offset of its '\n'). */
    nextLineStart(nl) {
        const lineEnd = this.locate.point(nl);
        return { line: lineEnd.line + 1, column: 1, offset: (lineEnd.offset ?? 0) + 1 };
    }
    softbreak() {
        const { content, cursor } = this;
        const nl = content.indexOf('\n', cursor);
        const next = nl === -1 ? cursor : skipSpaces(content, nl + 1, content.length);
        if (this.text === null) {
            this.addText('\n', cursor, next);
            return;
        }
        // Like remark, the text runs to the start of the next line, over the line ending.
        this.text.value += '\n';
        if (nl !== -1)
            this.text.position = { start: this.locate.point(this.textStart), end: this.nextLineStart(nl) };
        this.cursor = next;
    }
    hardbreak() {
        const { content, cursor } = this;
        const nl = content.indexOf('\n', cursor);
        const end = nl === -1 ? cursor : nl;
        let start = end;
        while (start > cursor && (content[start - 1] === ' ' || content[start - 1] === '\\'))
            start--;
        this.push({ type: 'break', position: { start: this.locate.point(start), end: this.nextLineStart(end) } });
        this.cursor = nl === -1 ? cursor : skipSpaces(content, nl + 1, content.length);
    }
    codeInline(token) {
        const at = this.find(token.markup);
        const end = codeSpanEnd(this.content, at, token.markup || '`');
        this.push({ type: 'inlineCode', value: token.content, position: this.span(at, end) });
        this.cursor = end;
    }
    delimiterOpen(token) {
        const at = this.find(token.markup);
        this.cursor = at + token.markup.length;
        const type = token.type === 'em_open' ? 'emphasis' : token.type === 'strong_open' ? 'strong' : 'delete';
        this.openNode({ type, children: [] }, token, at);
    }
    linkOpen(token) {
        const auto = token.markup === 'autolink' || token.markup === 'linkify';
        const href = token.attrGet('href') ?? '';
        let at = this.cursor;
        if (token.markup === 'autolink')
            at = this.find('<');
        else if (token.markup !== 'linkify')
            at = this.find('[');
        this.cursor = token.markup === 'linkify' ? at : at + 1;
        const link = {
            type: 'link',
            url: auto ? md.normalizeLinkText(href) : href,
            title: token.attrGet('title'),
            children: [],
        };
        this.openNode(link, token, at);
    }
    linkClose() {
        const opener = this.open[this.open.length - 1];
        if (opener?.token.markup === 'autolink')
            this.cursor = this.find('>') + 1;
        else if (opener?.token.markup !== 'linkify') {
            const labelEnd = this.find(']') + 1;
            this.cursor = linkTailEnd(this.content, labelEnd);
            if (opener && this.content[labelEnd] !== '(')
                asReference(opener.node, this.content, labelEnd, this.cursor);
        }
        this.closeNode(this.cursor);
    }
    image(token) {
        const at = this.find('![');
        const labelEnd = matchingBracket(this.content, at + 1);
        this.cursor = linkTailEnd(this.content, labelEnd);
        this.push({
            type: 'image',
            url: token.attrGet('src') ?? '',
            title: token.attrGet('title'),
            alt: (token.children ?? []).map((c) => c.content).join(''),
            position: this.span(at, this.cursor),
        });
    }
}

;// CONCATENATED MODULE: ./src/spec/markdown/locate.ts
/** Maps offsets in an inline token's content to points in the text. The content's lines are the source lines
 *  from `firstLine` on, with container prefixes, indentation and the block's own markers removed. */
class ContentLocator {
    lines;
    firstLine;
    columns;
    contentStarts = [0];
    constructor(lines, content, firstLine, 
    /** Column (0-based) in each source line where that content line begins. */
    columns) {
        this.lines = lines;
        this.firstLine = firstLine;
        this.columns = columns;
        for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1))
            this.contentStarts.push(i + 1);
    }
    static forBlock(lines, content, firstLine, from) {
        const columns = [];
        let k = 0;
        let start = 0;
        while (start <= content.length) {
            const nl = content.indexOf('\n', start);
            const piece = content.slice(start, nl === -1 ? content.length : nl);
            const line = firstLine + k;
            const source = lines.text.slice(lines.start(line), lines.end(line));
            columns.push(locateLine(source, piece, k === 0 ? from : undefined));
            if (nl === -1)
                break;
            start = nl + 1;
            k++;
        }
        return new ContentLocator(lines, content, firstLine, columns);
    }
    point(contentOffset) {
        let lo = 0;
        let hi = this.contentStarts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.contentStarts[mid] <= contentOffset)
                lo = mid;
            else
                hi = mid - 1;
        }
        const line = Math.min(this.firstLine + lo, this.lines.count - 1);
        const column = (this.columns[lo] ?? 0) + contentOffset - this.contentStarts[lo];
        const offset = Math.min(this.lines.start(line) + column, this.lines.end(line));
        return this.lines.point(line, offset);
    }
}
/** Column where a content line sits in its source line: normally a suffix (before trailing blanks). */
function locateLine(source, piece, from) {
    if (from !== undefined) {
        const at = source.indexOf(piece, from);
        if (at !== -1)
            return at;
    }
    const trimmed = source.trimEnd();
    const body = piece.trimEnd();
    if (trimmed.endsWith(body))
        return trimmed.length - body.length;
    // A tab split by container indentation comes back as spaces: match what follows them.
    const rest = body.trimStart();
    if (rest !== '' && trimmed.endsWith(rest))
        return Math.max(0, trimmed.length - body.length);
    const at = source.indexOf(body);
    if (at !== -1)
        return at;
    return source.length - source.trimStart().length;
}

;// CONCATENATED MODULE: ./src/spec/markdown/table.ts
/** Splits a table row the way markdown-it does (unescaped `|` separate cells, `\|` is a pipe inside one, outer
 *  pipes optional), keeping where each character came from. */
function splitRow(text, from, to) {
    let end = to;
    while (end > from && /\s/.test(text[end - 1]))
        end--;
    const raw = [];
    let current = { chars: [], offsets: [], at: from };
    let escaped = false;
    for (let i = from; i < end; i++) {
        const c = text[i];
        if (c === '|' && !escaped) {
            raw.push(current);
            current = { chars: [], offsets: [], at: i + 1 };
        }
        else if (c === '|') {
            current.chars.pop();
            current.offsets.pop();
            current.chars.push(c);
            current.offsets.push(i);
        }
        else {
            current.chars.push(c);
            current.offsets.push(i);
        }
        escaped = c === '\\';
    }
    raw.push(current);
    if (raw.length > 0 && raw[0].chars.length === 0)
        raw.shift();
    if (raw.length > 0 && raw[raw.length - 1].chars.length === 0)
        raw.pop();
    return raw.map(({ chars, offsets, at }) => {
        let a = 0;
        let b = chars.length;
        while (a < b && /\s/.test(chars[a]))
            a++;
        while (b > a && /\s/.test(chars[b - 1]))
            b--;
        const kept = offsets.slice(a, b);
        const start = kept[0] ?? at;
        return {
            content: chars.slice(a, b).join(''),
            offsets: kept,
            start,
            end: kept.length ? kept[kept.length - 1] + 1 : start,
        };
    });
}
function cellOffset(offsets, i, fallback) {
    if (offsets.length === 0)
        return fallback;
    if (i < offsets.length)
        return offsets[Math.max(0, i)];
    return offsets[offsets.length - 1] + 1;
}

;// CONCATENATED MODULE: ./src/spec/markdown/task-item.ts
const TASK = /^\[([ xX])\][ \t]+(?=\S)/;
/** GFM task item: `[ ]` / `[x]` opening the item's first paragraph sets `checked` and leaves the text. */
function applyTaskMarker(item) {
    const head = item.children[0];
    if (head?.type !== 'paragraph')
        return;
    const first = head.children[0];
    if (first?.type !== 'text')
        return;
    const m = TASK.exec(first.value);
    if (!m)
        return;
    item.checked = m[1] !== ' ';
    first.value = first.value.slice(m[0].length);
    const start = first.position?.start;
    if (start?.offset !== undefined) {
        const moved = {
            line: start.line,
            column: start.column + m[0].length,
            offset: start.offset + m[0].length,
        };
        first.position.start = moved;
        head.position.start = { ...moved };
    }
    if (first.value === '')
        head.children.shift();
}

;// CONCATENATED MODULE: ./src/spec/markdown/block.ts





const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])/;
/** Block tokens → mdast nodes: a stack of open containers, with each block's start found in the source. */
class TreeBuilder {
    text;
    lines;
    stack = [];
    quoteDepth = 0;
    constructor(text) {
        this.text = text;
        this.lines = new Lines(text);
    }
    build(tokens) {
        const root = {
            type: 'root',
            children: [],
            position: { start: { line: 1, column: 1, offset: 0 }, end: this.lines.pointAt(this.text.length) },
        };
        this.stack.push(this.frame(root, null));
        for (let i = 0; i < tokens.length; i++) {
            const token = tokens[i];
            switch (token.type) {
                case 'bullet_list_open':
                case 'ordered_list_open':
                    this.openList(token);
                    break;
                case 'list_item_open':
                    this.openListItem(token);
                    break;
                case 'blockquote_open':
                    this.openBlockquote(token);
                    break;
                case 'paragraph_open':
                    this.openLeafParent({ type: 'paragraph', children: [] }, token);
                    break;
                case 'heading_open':
                    this.openLeafParent({ type: 'heading', depth: headingDepth(token), children: [] }, token);
                    break;
                case 'table_open':
                    this.openTable(token);
                    break;
                case 'tr_open':
                    this.openRow(token);
                    break;
                case 'th_open':
                case 'td_open':
                    this.openCell(token);
                    break;
                case 'inline':
                    this.inline(token);
                    break;
                case 'fence':
                case 'code_block':
                    this.code(token);
                    break;
                case 'html_block':
                    this.leaf({ type: 'html', value: token.content.replace(/\n+$/, '') }, token);
                    break;
                case 'hr':
                    this.leaf({ type: 'thematicBreak' }, token);
                    break;
                case 'bullet_list_close':
                case 'ordered_list_close':
                case 'list_item_close':
                case 'blockquote_close':
                case 'paragraph_close':
                case 'heading_close':
                case 'table_close':
                case 'tr_close':
                case 'th_close':
                case 'td_close':
                    this.close();
                    break;
                default:
                    // thead/tbody have no mdast node; their rows belong to the table.
                    break;
            }
        }
        while (this.stack.length > 1)
            this.close();
        return root;
    }
    frame(node, token) {
        return { node, token, firstLine: -1, contentFrom: 0, cells: [], cellIndex: 0 };
    }
    get top() {
        return this.stack[this.stack.length - 1];
    }
    append(node) {
        this.top.node.children.push(node);
    }
    /** Offset where a block opening on `line` begins: after the enclosing item's marker when it shares that
     *  line, else after the line's indentation and the `>` of each enclosing quote. */
    blockStart(line) {
        const lineEnd = this.lines.end(line);
        for (let i = this.stack.length - 1; i > 0; i--) {
            const frame = this.stack[i];
            if (frame.firstLine === -1)
                continue;
            if (frame.firstLine === line)
                return skipSpaces(this.text, frame.contentFrom, lineEnd);
            break;
        }
        let p = skipSpaces(this.text, this.lines.start(line), lineEnd);
        for (let q = 0; q < this.quoteDepth && this.text.charCodeAt(p) === 0x3e; q++) {
            p = skipSpaces(this.text, p + 1, lineEnd);
        }
        return p;
    }
    startPoint(token) {
        const line = token.map?.[0] ?? 0;
        return this.lines.point(line, this.blockStart(line));
    }
    openList(token) {
        const list = {
            type: 'list',
            ordered: token.type === 'ordered_list_open',
            start: token.type === 'ordered_list_open' ? Number(token.attrGet('start') ?? 1) : null,
            spread: false,
            children: [],
            position: { start: this.startPoint(token), end: this.startPoint(token) },
        };
        this.append(list);
        this.stack.push(this.frame(list, token));
    }
    openListItem(token) {
        const line = token.map?.[0] ?? 0;
        const start = this.blockStart(line);
        const lineEnd = this.lines.end(line);
        const marker = LIST_MARKER.exec(this.text.slice(start, Math.min(lineEnd, start + 11)));
        const item = {
            type: 'listItem',
            spread: false,
            checked: null,
            children: [],
            position: { start: this.lines.point(line, start), end: this.lines.point(line, start) },
        };
        this.append(item);
        const frame = this.frame(item, token);
        frame.firstLine = line;
        frame.contentFrom = skipSpaces(this.text, start + (marker?.[0].length ?? 0), lineEnd);
        this.stack.push(frame);
    }
    openBlockquote(token) {
        const line = token.map?.[0] ?? 0;
        const start = this.blockStart(line);
        const quote = {
            type: 'blockquote',
            children: [],
            position: { start: this.lines.point(line, start), end: this.lines.point(line, start) },
        };
        this.append(quote);
        const frame = this.frame(quote, token);
        frame.firstLine = line;
        frame.contentFrom = skipSpaces(this.text, start + 1, this.lines.end(line));
        this.stack.push(frame);
        this.quoteDepth++;
    }
    openLeafParent(node, token) {
        const map = token.map ?? [0, 1];
        node.position = { start: this.startPoint(token), end: this.lines.contentEnd(map[0], map[1] - 1) };
        this.append(node);
        this.stack.push(this.frame(node, token));
    }
    openTable(token) {
        const map = token.map ?? [0, 1];
        const table = {
            type: 'table',
            align: [],
            children: [],
            position: { start: this.startPoint(token), end: this.lines.contentEnd(map[0], map[1] - 1) },
        };
        this.append(table);
        this.stack.push(this.frame(table, token));
    }
    openRow(token) {
        const line = token.map?.[0] ?? 0;
        const row = {
            type: 'tableRow',
            children: [],
            position: { start: this.startPoint(token), end: this.lines.contentEnd(line, line) },
        };
        this.append(row);
        const frame = this.frame(row, token);
        frame.cells = splitRow(this.text, this.blockStart(line), this.lines.end(line));
        this.stack.push(frame);
    }
    openCell(token) {
        const row = this.top;
        const style = token.attrGet('style') ?? '';
        const align = /text-align:(left|right|center)/.exec(style)?.[1];
        const table = this.stack[this.stack.length - 2];
        if (table?.node.type === 'table' && table.node.children.length === 1) {
            table.node.align = [...(table.node.align ?? []), align ?? null];
        }
        const source = row.cells[row.cellIndex++];
        const rowEnd = row.node.position?.end ?? this.lines.pointAt(this.text.length);
        const start = source ? this.lines.pointAt(source.start) : rowEnd;
        const end = source ? this.lines.pointAt(source.end) : rowEnd;
        const cell = { type: 'tableCell', children: [], position: { start, end } };
        this.append(cell);
        const frame = this.frame(cell, token);
        if (source)
            frame.cells = [source];
        this.stack.push(frame);
    }
    code(token) {
        const info = token.type === 'fence' ? token.info.trim() : '';
        const space = info.search(/\s/);
        const node = {
            type: 'code',
            lang: info === '' ? null : space === -1 ? info : info.slice(0, space),
            meta: space === -1 ? null : info.slice(space).trim() || null,
            value: token.content.replace(/\n$/, ''),
        };
        this.leaf(node, token);
    }
    leaf(node, token) {
        const map = token.map ?? [0, 1];
        node.position = { start: this.startPoint(token), end: this.lines.contentEnd(map[0], map[1] - 1) };
        this.append(node);
    }
    close() {
        const frame = this.stack.pop();
        if (frame === undefined || this.stack.length === 0)
            return;
        const node = frame.node;
        if (node.type === 'blockquote')
            this.quoteDepth--;
        if (node.type === 'listItem' || node.type === 'blockquote') {
            if (node.children.length === 0)
                this.recoverTooDeep(frame);
            this.endAtLastChild(node, frame.token);
            if (node.type === 'listItem')
                applyTaskMarker(node);
        }
        else if (node.type === 'list') {
            this.endAtLastChild(node, frame.token);
            const first = node.children[0];
            if (first?.position && node.position)
                node.position.start = first.position.start;
            node.spread = node.children.some((item) => item.spread);
        }
    }
    endAtLastChild(node, token) {
        const last = node.children[node.children.length - 1];
        if (!node.position)
            return;
        if (last?.position)
            node.position.end = last.position.end;
        else if (token.map) {
            const end = this.lines.contentEnd(token.map[0], token.map[1] - 1);
            if ((end.offset ?? 0) > (node.position.start.offset ?? 0))
                node.position.end = end;
        }
    }
    /** markdown-it skips a container's content past MAX_NESTING; keep it as one plain paragraph. */
    recoverTooDeep(frame) {
        const map = frame.token.map;
        if (!map)
            return;
        const end = this.lines.contentEnd(frame.firstLine, map[1] - 1);
        const startOffset = frame.contentFrom;
        if ((end.offset ?? 0) <= startOffset)
            return;
        const position = { start: this.lines.point(frame.firstLine, startOffset), end };
        const text = {
            type: 'text',
            value: this.text.slice(startOffset, end.offset),
            position,
        };
        frame.node.children.push({
            type: 'paragraph',
            children: [text],
            position: { start: { ...position.start }, end: { ...position.end } },
        });
    }
    inline(token) {
        const frame = this.top;
        const parent = frame.node;
        let locate;
        if (parent.type === 'tableCell') {
            const source = frame.cells[0];
            const offsets = source?.content === token.content ? source.offsets : [];
            const fallback = parent.position?.start.offset ?? 0;
            locate = { point: (i) => this.lines.pointAt(cellOffset(offsets, i, fallback)) };
        }
        else {
            const line = token.map?.[0] ?? 0;
            let from;
            if (parent.type === 'heading' && frame.token.markup.startsWith('#')) {
                from = this.blockStart(line) + frame.token.markup.length - this.lines.start(line);
            }
            locate = ContentLocator.forBlock(this.lines, token.content, line, from);
        }
        const phrasing = convertInline(token.children ?? [], token.content, locate);
        parent.children.push(...phrasing);
    }
}
function headingDepth(token) {
    const n = Number(token.tag.slice(1));
    return (n >= 1 && n <= 6 ? n : 1);
}

;// CONCATENATED MODULE: ./src/spec/markdown.ts
// Markdown → mdast, built from markdown-it's token stream.
//
// Why not remark (unified + remark-parse + remark-gfm, which the design card named): micromark took ≈8.7 ms for
// a 5 KB spec, ≈40× markdown-it's ≈0.2 ms (≈0.35 ms with the tree building below), and the product target is
// 1,000 specs validated in under 2 s in one process. The rest of src/spec reads mdast, so this module
// produces the mdast shapes it relies on: block nodes and text nodes with line, column and offset positions
// in the parsed text (G2 reports vague words at their line:column by slicing the text between a text node's
// offsets), GFM task items (`checked`), tables, strikethrough and bare-URL links (via linkify; a bare
// `www.x.com` or `x.com` counts as a link too).
//
// Limits, on purpose: container nesting deeper than MAX_NESTING levels is not parsed into structure; the deepest
// container's content becomes one plain paragraph (still prose, still positioned). Link reference definitions
// (`[x]: https://…`) leave no node, as markdown-it consumes them. Never throws on any input.
//
// The work is split under ./markdown/: parser.ts configures markdown-it, block.ts builds block nodes from its
// token stream, inline.ts builds phrasing nodes, and lines.ts, locate.ts and table.ts map token content back to
// source positions.



/** Parses Markdown into an mdast tree with positions. parseSpec passes LF text with the file's lines; CR and CRLF
 *  line endings are read as LF here too (markdown-it would otherwise shift every offset after them). */
function parseMarkdown(text) {
    const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    return new TreeBuilder(lf).build(md.parse(lf, {}));
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./src/spec/metadata.ts
// Front-matter fields → SpecMetadata: legacy names mapped to v3 names, defaults filled (each reported as an info
// finding), values validated. An invalid value becomes null and gets a G1 error, so downstream code never sees it.

const LEGACY_NAMES = { maturity_level: 'maturity', title: 'name', author: 'owners' };
const COMPLEXITIES = ['EASY', 'MODERATE', 'HIGH'];
/** A git ref component, since the id becomes the branch `feat/spec-<id>`. */
const specIdSchema = schemas/* string */.YjP()
    .min(1, 'is empty')
    .max(100, 'is longer than 100 characters')
    .regex(/^[A-Za-z0-9._-]+$/, 'may only contain letters, digits, `.`, `_` and `-`')
    .refine((s) => !/^[-.]/.test(s), 'must not start with `-` or `.`')
    .refine((s) => !s.includes('..'), 'must not contain `..`')
    .refine((s) => !s.endsWith('.') && !s.endsWith('.lock'), 'must not end with `.` or `.lock`');
const textSchema = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).transform((v) => String(v).trim());
const maturitySchema = schemas/* number */.aig().int().min(1).max(5);
const ownerSchema = schemas/* union */.KCZ([
    schemas/* string */.YjP().transform((name) => ({ name })),
    schemas/* object */.Ikc({ name: textSchema, email: schemas/* string */.YjP().optional() }),
]);
function slugify(text) {
    return text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
}
/**
 * @param data parsed YAML (null when there is none or it could not be read)
 * @param reportMissing false when the block itself failed (unclosed), to avoid a pile of derived errors
 */
function buildMetadata(data, fm, reportMissing) {
    const fields = new FrontMatterFields(data, fm, reportMissing);
    // specmas and kind have defaults, filled in unless the block failed and holds nothing at all.
    const fillDefaults = data !== null || reportMissing;
    const name = fields.text('name', 'name: Product price filter');
    const specmas = fields.textOrDefault('specmas', 'v3', fillDefaults);
    const kind = fields.textOrDefault('kind', 'FeatureSpec', fillDefaults);
    const id = readId(fields, name);
    const complexity = readComplexity(fields);
    const maturity = readMaturity(fields);
    const owners = readOwners(fields);
    return {
        metadata: { specmas, kind, id, name, complexity, maturity, owners, raw: fields.raw },
        findings: fields.findings,
    };
}
/** The front matter's fields under their v3 names, and the findings about them, each at its field's line. */
class FrontMatterFields {
    findings = [];
    /** The values by v3 name. */
    raw = {};
    /** The name each field was written under (a legacy name or the v3 one). */
    rawKeyOf = {};
    fm;
    reportMissing;
    anchor;
    constructor(data, fm, reportMissing) {
        this.fm = fm;
        this.reportMissing = reportMissing;
        this.anchor = fm.line > 0 ? fm.line : 1;
        for (const [key, value] of Object.entries(data ?? {})) {
            const target = LEGACY_NAMES[key] ?? key;
            // The v3 name wins over its legacy twin when both are written.
            if (target in this.raw && target !== key)
                continue;
            this.raw[target] = value;
            this.rawKeyOf[target] = key;
        }
    }
    at(field) {
        return this.fm.keys[this.rawKeyOf[field] ?? field] ?? { line: this.anchor, column: 1 };
    }
    present(field) {
        const value = this.raw[field];
        return value !== undefined && value !== null && value !== '';
    }
    error(field, rule, message, hint) {
        const p = this.at(field);
        this.findings.push({
            gate: 'G1',
            rule,
            severity: 'error',
            message,
            line: p.line,
            column: p.column,
            hint,
        });
    }
    missing(field, example) {
        if (!this.reportMissing)
            return;
        this.error(field, 'missing-field', `Required front-matter field \`${field}\` is missing.`, this.fm.form === 'none'
            ? `Start the file with a front matter block: \`---\`, \`${example}\`, the other fields, \`---\`.`
            : `Add \`${example}\` to the front matter.`);
    }
    defaulted(field, value) {
        this.findings.push({
            gate: 'G1',
            rule: 'default-filled',
            severity: 'info',
            message: `Front-matter field \`${field}\` is not written; using the default \`${value}\`.`,
            line: this.anchor,
            column: 1,
            hint: `Write \`${field}: ${value}\` in the front matter to make it explicit.`,
        });
    }
    /** A required text field; null (with an error) when missing or not text. */
    text(field, example) {
        if (!this.present(field)) {
            this.missing(field, example);
            return null;
        }
        const parsed = textSchema.safeParse(this.raw[field]);
        if (!parsed.success || parsed.data === '') {
            this.error(field, 'invalid-field', `Front-matter field \`${field}\` must be text.`, `Write \`${example}\`.`);
            return null;
        }
        return parsed.data;
    }
    /** A text field with a default, filled (with an info finding) when it is not written and `fill` holds. */
    textOrDefault(field, value, fill) {
        if (this.present(field))
            return this.text(field, `${field}: ${value}`);
        if (!fill)
            return null;
        this.defaulted(field, value);
        return value;
    }
}
/** The id as written (it must be a git ref component), else one made from the name. */
function readId(fields, name) {
    const { raw } = fields;
    if (fields.present('id')) {
        const written = textSchema.safeParse(raw.id);
        const checked = specIdSchema.safeParse(written.success ? written.data : raw.id);
        if (checked.success)
            return checked.data;
        const why = checked.error.issues.map((i) => i.message).join('; ');
        fields.error('id', 'invalid-id', `Front-matter \`id\` ${JSON.stringify(String(raw.id))} cannot be used in the branch name: it ${why}.`, 'Use letters, digits, `.`, `_` and `-` only (≤ 100 characters), e.g. `id: product-price-filter`.');
        return null;
    }
    if (name !== null && slugify(name) !== '') {
        const id = ('feat-' + slugify(name)).slice(0, 100).replace(/-+$/, '');
        fields.defaulted('id', id);
        return id;
    }
    fields.missing('id', 'id: product-price-filter');
    return null;
}
function readComplexity(fields) {
    if (!fields.present('complexity')) {
        fields.missing('complexity', 'complexity: MODERATE');
        return null;
    }
    const written = fields.raw.complexity;
    const upper = String(written).trim().toUpperCase();
    if (COMPLEXITIES.includes(upper))
        return upper;
    fields.error('complexity', 'invalid-complexity', `Front-matter \`complexity\` is ${JSON.stringify(String(written))}; it must be EASY, MODERATE or HIGH.`, 'Write `complexity: EASY`, `complexity: MODERATE` or `complexity: HIGH`.');
    return null;
}
/** A whole number from 1 to 5; a number written as text is read with a warning. */
function readMaturity(fields) {
    if (!fields.present('maturity')) {
        fields.missing('maturity', 'maturity: 3');
        return null;
    }
    const value = fields.raw.maturity;
    const numeric = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    const checked = maturitySchema.safeParse(numeric);
    const field = fields.rawKeyOf.maturity ?? 'maturity';
    if (!checked.success) {
        fields.error('maturity', 'invalid-maturity', `Front-matter \`${field}\` is ${JSON.stringify(value)}; it must be a whole number from 1 to 5.`, `Write a level from 1 (foundation) to 5 (complete), e.g. \`${field}: 3\`.`);
        return null;
    }
    const maturity = checked.data;
    if (typeof value === 'string') {
        const p = fields.at('maturity');
        fields.findings.push({
            gate: 'G1',
            rule: 'maturity-as-text',
            severity: 'warning',
            message: `Front-matter \`${field}\` is the text "${value}"; read as the number ${maturity}.`,
            line: p.line,
            column: p.column,
            hint: `Write it without quotes: \`${field}: ${maturity}\`.`,
        });
    }
    return maturity;
}
/** Owners as names (with an email when given); entries without a name are dropped. */
function readOwners(fields) {
    const owners = [];
    if (!fields.present('owners'))
        return owners;
    const written = fields.raw.owners;
    for (const entry of Array.isArray(written) ? written : [written]) {
        const parsed = ownerSchema.safeParse(entry);
        if (parsed.success && parsed.data.name !== '') {
            const email = 'email' in parsed.data ? parsed.data.email : undefined;
            owners.push(email ? { name: parsed.data.name, email } : { name: parsed.data.name });
        }
    }
    return owners;
}

;// CONCATENATED MODULE: ./src/spec/structure.ts

const SECTION_ALIASES = {
    nonfunctional_requirements: 'non_functional_requirements',
    security_considerations: 'security',
    datamodel: 'data_model',
    data_models: 'data_model',
    interfaces_contracts: 'interfaces_and_contracts',
    acceptancetests: 'acceptance_tests',
    testing_strategy: 'acceptance_tests',
    testingstrategy: 'acceptance_tests',
    deterministictests: 'deterministic_tests',
    risks_open_questions: 'risks_and_open_questions',
    glossary_definitions: 'glossary_and_definitions',
};
const FORMAL_SECTIONS = [
    'overview',
    'functional_requirements',
    'non_functional_requirements',
    'security',
    'data_inventory',
    'data_model',
    'interfaces_and_contracts',
    'acceptance_tests',
    'deterministic_tests',
    'risks_and_open_questions',
    'glossary_and_definitions',
    'traceability',
];
const FORMAL_SET = new Set(FORMAL_SECTIONS);
function canonicalKey(key) {
    return SECTION_ALIASES[key] ?? key;
}
const LEVEL_HEADING = /^\s*level\s*([1-5])\b/i;
function levelOf(title) {
    const m = LEVEL_HEADING.exec(title);
    return m ? Number(m[1]) : null;
}
function collectHeadings(root) {
    const headings = [];
    const open = [];
    root.children.forEach((node, index) => {
        if (node.type !== 'heading')
            return;
        const h = node;
        while (open.length > 0 && open[open.length - 1].depth >= h.depth)
            open.pop().end = index;
        const title = plainText(h);
        const info = {
            index,
            end: root.children.length,
            depth: h.depth,
            title,
            key: headingKey(title),
            line: h.position?.start.line ?? 1,
            column: h.position?.start.column ?? 1,
        };
        headings.push(info);
        open.push(info);
    });
    return headings;
}
function makeSection(h, key, parent, children, body) {
    const startOffset = children[h.index].position?.end.offset ?? 0;
    const last = h.end > h.index + 1 ? children[h.end - 1] : undefined;
    const endOffset = last?.position?.end.offset ?? startOffset;
    return {
        key,
        title: h.title,
        depth: h.depth,
        line: h.line,
        column: h.column,
        endLine: last?.position?.end.line ?? h.line,
        text: body.slice(startOffset, endOffset).replace(/^[ \t]*\n/, ''),
        empty: h.end === h.index + 1,
        parent,
    };
}
function buildStructure(root, headings, body) {
    const layout = headings.some((h) => h.depth <= 3 && levelOf(h.title) !== null)
        ? 'maturity'
        : 'formal';
    const tops = new Set();
    const keyOf = new Map();
    const parentOf = new Map();
    if (layout === 'maturity') {
        for (const h of headings) {
            const level = levelOf(h.title);
            if (h.depth <= 3 && level !== null) {
                tops.add(h.index);
                keyOf.set(h.index, `level_${level}`);
            }
        }
    }
    else {
        // H1s are the sections. Specs that put a title H1 first and the sections as H2s are accepted too.
        let enclosingH1Canonical = false;
        const h1Keys = new Set(headings.filter((h) => h.depth === 1).map((h) => canonicalKey(h.key)));
        for (const h of headings) {
            const key = canonicalKey(h.key);
            if (h.depth === 1) {
                enclosingH1Canonical = FORMAL_SET.has(key);
                tops.add(h.index);
                keyOf.set(h.index, key);
            }
            else if (h.depth === 2 && !enclosingH1Canonical && FORMAL_SET.has(key) && !h1Keys.has(key)) {
                tops.add(h.index);
                keyOf.set(h.index, key);
            }
        }
    }
    const sections = {};
    const subsections = [];
    const stack = [];
    for (const h of headings) {
        while (stack.length > 0 && stack[stack.length - 1].end <= h.index)
            stack.pop();
        if (tops.has(h.index)) {
            const key = keyOf.get(h.index);
            // The first section with a key wins; a repeated heading stays a plain region.
            if (!(key in sections))
                sections[key] = makeSection(h, key, null, root.children, body);
            stack.push(h);
        }
        else if (stack.length > 0) {
            const parent = keyOf.get(stack[stack.length - 1].index);
            keyOf.set(h.index, h.key);
            parentOf.set(h.index, parent);
            subsections.push(makeSection(h, h.key, parent, root.children, body));
        }
        else {
            keyOf.set(h.index, h.key);
        }
    }
    return { layout, sections, subsections, keyOf, tops, parentOf };
}

// EXTERNAL MODULE: ./src/spec/tree.ts
var tree = __webpack_require__(2315);
;// CONCATENATED MODULE: ./src/spec/parse.ts
// Markdown spec → typed Spec. Pure: no file system, never throws on bad input (problems become G1 findings).







// Front matter never reaches the Markdown parser (its lines are blanked first), so no yaml node is needed.

function emptyParts() {
    return {
        layout: 'formal',
        metadata: {
            specmas: null,
            kind: null,
            id: null,
            name: null,
            complexity: null,
            maturity: null,
            owners: [],
            raw: {},
        },
        frontMatter: { form: 'none', line: 0, endLine: 0, keys: {} },
        sections: {},
        subsections: [],
        ...emptyItemLists(),
        invalidTestBlocks: [],
        bodyLength: 0,
    };
}
function unreadable(path, source, hash, why) {
    return {
        path,
        source,
        hash,
        ...emptyParts(),
        findings: [
            {
                gate: 'G1',
                rule: 'unreadable-file',
                severity: 'error',
                message: `${path} cannot be read as a spec: ${why}.`,
                line: 1,
                column: 1,
                hint: 'Point the tool at a UTF-8 Markdown spec (front matter + sections), e.g. examples/specs/product-price-filter.md.',
            },
        ],
    };
}
/**
 * The whole spec goes into every agent's prompt (about 4 bytes a token), so a bigger one cannot fit a model's
 * context window and would only fail later, at the API, with a less helpful message.
 */
const MAX_SPEC_BYTES = 512 * 1024;
function tooLarge(path, bytes) {
    return {
        gate: 'G1',
        rule: 'spec-too-large',
        severity: 'error',
        message: `${path} is ${(bytes / 1024 / 1024).toFixed(1)} MB; a spec may be at most ${MAX_SPEC_BYTES / 1024} KB because the whole spec is sent with every agent's prompt.`,
        line: 1,
        column: 1,
        hint: 'Split it into smaller specs (one feature each), and link long reference material instead of pasting it.',
    };
}
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Decodes the input, or says why it is not a readable text spec. */
function decode(content) {
    if (typeof content === 'string') {
        return content.includes('\0')
            ? { problem: 'it is a binary file (contains NUL bytes)' }
            : { text: content };
    }
    if (content.includes(0))
        return { problem: 'it is a binary file (contains NUL bytes)' };
    try {
        return { text: utf8.decode(content) };
    }
    catch {
        return { problem: 'it is not valid UTF-8 text' };
    }
}
/** Gives every item a unique id: written ids first (a repeat gets a suffix and a warning), then generated ones. */
function assignIds(items, findings) {
    const taken = new Set();
    const unique = (id) => {
        let n = 2;
        while (taken.has(`${id}-${n}`))
            n++;
        return `${id}-${n}`;
    };
    for (const item of items) {
        if (!item.explicitId)
            continue;
        if (taken.has(item.id)) {
            const renamed = unique(item.id);
            findings.push({
                gate: 'G1',
                rule: 'duplicate-id',
                severity: 'warning',
                message: `The id ${item.id} is used more than once; this one is referred to as ${renamed}.`,
                line: item.line,
                column: item.column,
                hint: `Give each item its own number, e.g. renumber this one to the next free ${item.kind}-<n>.`,
            });
            item.id = renamed;
        }
        taken.add(item.id);
    }
    const order = new Map();
    for (const item of items) {
        const n = (order.get(item.kind) ?? 0) + 1;
        order.set(item.kind, n);
        if (item.explicitId)
            continue;
        const id = `${item.kind}-${n}`;
        item.id = taken.has(id) ? unique(id) : id;
        taken.add(item.id);
    }
}
function parseSpec(path, content) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
    const decoded = decode(content);
    if ('problem' in decoded)
        return unreadable(path, '', hash, decoded.problem);
    const source = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
    if (source.trim() === '')
        return unreadable(path, source, hash, 'the file is empty');
    // CRLF and lone CR become LF: the same lines, so positions stay those of the original file.
    const lines = source.replace(/\r\n?/g, '\n').split('\n');
    const block = locateFrontMatter(lines);
    const fm = parseFrontMatter(lines, block);
    const { metadata, findings: metaFindings } = buildMetadata(fm.data, fm.info, block === null || block.close !== -1);
    const findings = [...fm.findings, ...metaFindings];
    if (bytes.length > MAX_SPEC_BYTES)
        findings.push(tooLarge(path, bytes.length));
    // Blank the front matter lines instead of cutting them, so the body keeps the file's line numbers.
    if (block) {
        const last = block.close === -1 ? block.open : block.close;
        for (let i = block.open; i <= last; i++)
            lines[i] = '';
    }
    const body = lines.join('\n');
    const root = parseMarkdown(body);
    const headings = collectHeadings(root);
    const structure = buildStructure(root, headings, body);
    const items = extractItems(root, headings, structure.keyOf, structure.parentOf, body);
    assignIds(items.all, findings);
    const spec = {
        path,
        source,
        hash,
        layout: structure.layout,
        metadata,
        frontMatter: fm.info,
        sections: structure.sections,
        subsections: structure.subsections,
        functionalRequirements: items.functionalRequirements,
        acceptanceCriteria: items.acceptanceCriteria,
        userStories: items.userStories,
        successMetrics: items.successMetrics,
        deterministicTests: items.deterministicTests,
        dataModels: items.dataModels,
        interfaces: items.interfaces,
        integrationPoints: items.integrationPoints,
        errorScenarios: items.errorScenarios,
        securityItems: items.securityItems,
        performanceItems: items.performanceItems,
        invalidTestBlocks: items.testBlockErrors,
        bodyLength: body.trim().length,
        findings,
    };
    (0,tree/* rememberTree */.e)(spec, { root, body });
    return spec;
}


/***/ }),

/***/ 2315:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ rememberTree),
/* harmony export */   o: () => (/* binding */ recallTree)
/* harmony export */ });
const trees = new WeakMap();
function rememberTree(spec, tree) {
    trees.set(spec, tree);
}
function recallTree(spec) {
    return trees.get(spec);
}


/***/ })

};
