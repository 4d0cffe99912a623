/**
 * Rewriting a file in place for `format --write` without ever leaving it
 * half written: the new text goes to a temporary file beside it (through a
 * symbolic link, beside its target), which then replaces it in one rename.
 * A full disk or a read-only directory leaves the original untouched.
 */
import { chmod, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Replaces the contents of `path` with `text`, keeping its permission bits. Throws the file system's error. */
export async function replaceFile(path: string, text: string): Promise<void> {
  const target = await realpath(path);
  const { mode } = await stat(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.ftrack-filter.tmp`);
  try {
    await writeFile(temporary, text, { flag: "wx" });
    await chmod(temporary, mode & 0o7777);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
