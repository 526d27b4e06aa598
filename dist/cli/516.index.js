export const id = 516;
export const ids = [516];
export const modules = {

/***/ 9516:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PlanError: () => (/* binding */ PlanError)
/* harmony export */ });
/** A plan that cannot be made as asked: bad options (unknown role, empty filter) or a broken task graph. */
class PlanError extends Error {
    taskIds;
    constructor(message, 
    /** Task ids the problem is about (cycle members, the task with the unknown dependency), when any. */
    taskIds = []) {
        super(message);
        this.taskIds = taskIds;
        this.name = 'PlanError';
    }
}


/***/ })

};
