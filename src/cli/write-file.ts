/**
 * Rewriting a file in place for `format --write` without ever leaving it
 * half written: the new text is written, as it is made, to a temporary file
 * beside it (through a symbolic link, beside its target), which then
 * replaces it in one rename. A full disk or a read-only directory leaves
 * the original untouched, and so does a replacement given up.
 */
import type { FileHandle } from "node:fs/promises";
import { basename, dirname, join, open, realpath, rename, stat, unlink } from "./node";

/** Text is written to the temporary file in pieces of about this many UTF-16 code units. */
const PIECE = 64 * 1024;

/** A replacement of a file's contents under way. */
export interface Replacement {
  /** Appends text (buffered). Throws the file system's error. */
  write(text: string): Promise<void>;
  /** Puts the new contents in place of the old, keeping the file's permission bits. Throws the file system's error. */
  commit(): Promise<void>;
  /** Gives the replacement up: the temporary file goes, the file stays as it was. Never throws. */
  discard(): Promise<void>;
}

/**
 * Starts replacing the contents of `path`: creates the temporary file
 * (never an existing one). Throws the file system's error. Cost: memory of
 * one piece, whatever the file's length.
 */
export async function replaceFile(path: string): Promise<Replacement> {
  const target = await realpath(path);
  const { mode } = await stat(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.ftrack-filter.tmp`);
  const handle: FileHandle = await open(temporary, "wx", mode & 0o7777);
  let buffered = "";
  let isOpen = true;
  const flush = async (): Promise<void> => {
    if (buffered === "") return;
    const text = buffered;
    buffered = "";
    await handle.writeFile(text);
  };
  const discard = async (): Promise<void> => {
    if (isOpen) {
      isOpen = false;
      await handle.close().catch(() => undefined);
    }
    await unlink(temporary).catch(() => undefined);
  };
  return {
    async write(text) {
      buffered += text;
      if (buffered.length >= PIECE) await flush();
    },
    async commit() {
      try {
        await flush();
        await handle.chmod(mode & 0o7777);
        isOpen = false;
        await handle.close();
        await rename(temporary, target);
      } catch (error) {
        await discard();
        throw error;
      }
    },
    discard,
  };
}
