#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 7485:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ HELP),
/* harmony export */   e: () => (/* binding */ UsageError)
/* harmony export */ });
// Usage errors end the process with exit code 2 and a message that says what to do.
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
const HELP = `implement-spec — turn a feature spec into code and a pull request

Usage:
  implement-spec validate <file|dir|glob>... [--json] [--strict] [--quiet]
  implement-spec plan <spec> [--agents a,b] [--mode sequential|parallel] [--model m]
                             [--role-models r=m,…] [--json|--markdown] [--strict] [--force]
  implement-spec run <spec> [--dry-run] [--mode m] [--agents a,b] [--output-dir dir] [--model m]
                            [--role-models r=m,…]
                            [--max-cost usd] [--cost-warn usd] [--max-parallel n] [--max-turns n]
                            [--max-tokens n] [--record dir] [--replay dir] [--force] [--verbose]
                            [--test-command cmd] [--max-fix-rounds n] [--format-command cmd]
                            [--no-review] [--fresh] [--protected-paths globs]

Commands:
  validate   Check specs against the quality gates G1–G4; findings point at spec lines.
  plan       Show the tasks, agents, order and cost estimate (no API key, no network).
  run        Run the agents and write the files plus IMPLEMENTATION_REPORT.md (needs ANTHROPIC_API_KEY,
             unless --dry-run or --replay).

Options:
  --json              Machine-readable output (validate, plan).
  --markdown          Markdown output (plan), as posted on a PR.
  --strict            validate: warnings also fail. plan: uncovered spec items fail.
  --quiet             validate: print only specs that are not ready, and their findings.
  --force             plan/run a spec that is not ready, or whose estimate is above --max-cost.
  --agents a,b        Only these roles: database, backend, frontend, integration, test (or repository roles).
  --mode m            sequential (default) or parallel (along the task graph).
  --model m           Claude model (default claude-sonnet-5-5).
  --role-models r=m,… Model per role, e.g. test=claude-haiku-4-5,review=claude-haiku-4-5 (overrides
                      roles.<role>.model in .github/implement-spec/config.yml).
  --output-dir dir    Where run writes files (default: the current directory).
  --max-cost usd      Abort threshold (default 50); --cost-warn usd warning threshold (default 10).
  --record dir        Save every model exchange as JSONL; --replay dir plays a recording back offline.
  --test-command cmd  Run the tests after the agents (no shell, no secrets in its environment); failures get
                      up to --max-fix-rounds fix tasks (default 2).
  --format-command c  Formatter run on the written files (their paths are appended), e.g. "npx prettier --write".
  --no-review         Skip the review agent (verdict per acceptance criterion, traceability matrix).
  --fresh             Ignore .implement-spec/state.json and run every task again (default: resume).
  --protected-paths g Comma-separated globs the agents may never write.
  --max-items-per-task n  Split tasks so none covers more than n spec items (default 6).
  -h, --help          Show this help.

Exit codes: 0 ready / success, 1 not ready / partial / failed, 2 usage error or unreadable path.

Examples:
  implement-spec validate specs/
  implement-spec validate "specs/**/*.md" --json
  implement-spec plan examples/specs/product-price-filter.md --mode parallel
  implement-spec run examples/specs/product-price-filter.md --replay examples/recordings/product-price-filter --output-dir /tmp/out
`;


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 481:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
var external_node_module_default = /*#__PURE__*/__nccwpck_require__.n(external_node_module_namespaceObject);
;// CONCATENATED MODULE: ./src/cli/io.ts
function processIo() {
    return {
        cwd: process.cwd(),
        env: process.env,
        stdout: (line) => process.stdout.write(`${line}\n`),
        stderr: (line) => process.stderr.write(`${line}\n`),
        stdoutStream: process.stdout,
    };
}

// EXTERNAL MODULE: ./src/cli/usage.ts
var usage = __nccwpck_require__(7485);
;// CONCATENATED MODULE: ./src/cli/run-cli.ts

async function runCli(argv, io) {
    const [command, ...rest] = argv;
    const wantsHelp = rest.includes('--help') || rest.includes('-h');
    try {
        switch (command) {
            case undefined:
            case '-h':
            case '--help':
            case 'help':
                io.stdout(usage/* HELP */._);
                return command === undefined ? 2 : 0;
            case 'validate': {
                if (wantsHelp)
                    return printHelp(io);
                const { validateCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(366), __nccwpck_require__.e(193), __nccwpck_require__.e(138), __nccwpck_require__.e(207), __nccwpck_require__.e(289)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8289));
                return await validateCommand(rest, io);
            }
            case 'plan': {
                if (wantsHelp)
                    return printHelp(io);
                const { planCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(366), __nccwpck_require__.e(193), __nccwpck_require__.e(138), __nccwpck_require__.e(207), __nccwpck_require__.e(289), __nccwpck_require__.e(322)]).then(__nccwpck_require__.bind(__nccwpck_require__, 322));
                return await planCommand(rest, io);
            }
            case 'run': {
                if (wantsHelp)
                    return printHelp(io);
                const { runCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(366), __nccwpck_require__.e(193), __nccwpck_require__.e(138), __nccwpck_require__.e(395), __nccwpck_require__.e(207), __nccwpck_require__.e(289), __nccwpck_require__.e(322), __nccwpck_require__.e(344)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6344));
                return await runCommand(rest, io);
            }
            default:
                throw new usage/* UsageError */.e(`unknown command "${command}". Commands: validate, plan, run. See --help.`);
        }
    }
    catch (err) {
        if (await isUnreadableSpec(err)) {
            io.stderr(`implement-spec: ${err.message}`);
            return 2;
        }
        if (await isRoleConfigError(err)) {
            // The repository's config file is wrong, not the command line: say what to fix in it, no usage hint.
            io.stderr(`implement-spec: ${err.message}`);
            return 2;
        }
        if (err instanceof usage/* UsageError */.e || isParseArgsError(err) || (await isBadOptionFromPlanner(err))) {
            io.stderr(`implement-spec: ${err.message}`);
            io.stderr('Run `implement-spec --help` for usage.');
            return 2;
        }
        io.stderr(`implement-spec: ${err instanceof Error ? err.message : String(err)}`);
        return 1;
    }
}
/** plan/run on a path that cannot be read (missing, a directory): exit 2 like validate does. */
async function isUnreadableSpec(err) {
    const { SpecReadError } = await Promise.all(/* import() */[__nccwpck_require__.e(366), __nccwpck_require__.e(193), __nccwpck_require__.e(207)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1207));
    return err instanceof SpecReadError;
}
async function isRoleConfigError(err) {
    const { RoleConfigError } = await Promise.all(/* import() */[__nccwpck_require__.e(366), __nccwpck_require__.e(489)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4489));
    return err instanceof RoleConfigError;
}
/**
 * The planner checks --agents against the roles it loaded (built-in plus the repository's own), and the price
 * table checks the model; those are usage errors too, so they exit 2 like the checks the CLI does itself.
 * Other PlanErrors (a broken task graph) are failures of the plan and exit 1.
 */
async function isBadOptionFromPlanner(err) {
    if (!(err instanceof Error))
        return false;
    const [{ PlanError }, { UnknownModelError }] = await Promise.all([
        __nccwpck_require__.e(/* import() */ 516).then(__nccwpck_require__.bind(__nccwpck_require__, 9516)),
        __nccwpck_require__.e(/* import() */ 141).then(__nccwpck_require__.bind(__nccwpck_require__, 7141)),
    ]);
    if (err instanceof UnknownModelError)
        return true;
    return err instanceof PlanError && /^(Unknown agent role|The agents filter is empty)/.test(err.message);
}
function printHelp(io) {
    io.stdout(usage/* HELP */._);
    return 0;
}
function isParseArgsError(err) {
    const code = err?.code;
    return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

;// CONCATENATED MODULE: ./src/cli.ts
// Local entry: `implement-spec <command> …`. Reads argv, runs the command, sets the exit code.



// Node 22.1+ can keep compiled code between runs (start-up is most of a one-spec validate); on Node 20 the
// function does not exist and nothing changes. Not measured here: these machines run Node 20.
external_node_module_default().enableCompileCache?.();
runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
}, (err) => {
    process.stderr.write(`implement-spec: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
});

