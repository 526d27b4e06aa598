export const id = 141;
export const ids = [141];
export const modules = {

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


/***/ })

};
