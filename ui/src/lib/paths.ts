// Paths the core hands back, as the window shows them.

/**
 * The name of the file at `path`, without its folders: exports say which file they
 * saved, not where a sandbox or a temporary home put the Downloads folder. Either
 * separator, as Windows paths use `\`.
 */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
