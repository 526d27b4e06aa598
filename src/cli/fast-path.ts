// The fast CLI bundle (dist/chunks/fast-cli.cjs, see scripts/build.mjs) holds `validate` and `plan` without any
// package: where their code would load one (markdown-it and yaml for a spec the fast readers decline, minimatch
// for a glob, yaml for a config file) or `run`, the build puts a module that calls declineFastPath instead. The
// launcher (launch.ts) then drops what the fast bundle printed and runs the same command with the full CLI.

/**
 * What the fast bundle could not do in this process, if anything, and whether the command went all the way
 * (markWholePath).
 */
export const fastPathState: { declined: string | undefined; wholePath: boolean } = {
  declined: undefined,
  wholePath: false,
};

/**
 * Called by `validate` once it has validated and reported, by `plan` once it has printed a plan. The launcher keeps
 * a code cache only of such a run: V8 serves a cache as it is, so one made by a run that stopped early (a spec
 * not ready to plan, a path that does not exist) would leave every later run compiling most of its code.
 */
export function markWholePath(): void {
  fastPathState.wholePath = true;
}

/** Marks this run as beyond the fast bundle and stops it: its output is discarded, the full CLI runs instead. */
export function declineFastPath(what: string): never {
  fastPathState.declined ??= what;
  throw new Error(`${what} is not in the fast CLI bundle; the full CLI runs this command.`);
}
