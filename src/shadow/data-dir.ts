/**
 * A PGlite data directory as one block of bytes, read from and written back into PGlite's Emscripten
 * file system. PGlite's own dumpDataDir/loadDataDir go through a tarball in a Blob: copied twice and
 * unpacked file by file on every start. Here the files are laid end to end behind an index, and each is
 * written back as a view of the block (the file system takes it without copying): a shadow starts
 * from a saved state sooner, and a state can be taken after PGlite has shut down (a clean state, which
 * starts without crash recovery).
 *
 * Layout: u32 (big-endian) length of a JSON index, the index (`[path, size]` per file in order, `[path]`
 * per directory, parents first), then the files' bytes in index order.
 */

/** The parts of an Emscripten file system a data directory is read from and written into. */
export interface DataDirFs {
  readdir(path: string): string[];
  stat(path: string): { mode: number };
  isDir(mode: number): boolean;
  readFile(path: string): Uint8Array;
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array, options?: { canOwn?: boolean }): void;
}

type Entry = [path: string, size?: number];

/** Every file and directory under `dir`, as one block. */
export function packDataDir(fs: DataDirFs, dir: string): Uint8Array {
  const index: Entry[] = [[dir]];
  const files: Uint8Array[] = [];
  const walk = (at: string) => {
    for (const name of fs.readdir(at).sort()) {
      if (name === '.' || name === '..') continue;
      const path = `${at}/${name}`;
      if (fs.isDir(fs.stat(path).mode)) {
        index.push([path]);
        walk(path);
      } else {
        const data = fs.readFile(path);
        index.push([path, data.length]);
        files.push(data);
      }
    }
  };
  walk(dir);
  const header = new TextEncoder().encode(JSON.stringify(index));
  const out = new Uint8Array(4 + header.length + files.reduce((n, f) => n + f.length, 0));
  new DataView(out.buffer).setUint32(0, header.length);
  out.set(header, 4);
  let at = 4 + header.length;
  for (const f of files) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

/** The entries of a block packDataDir made, in order: each directory (no size) and file, with where its bytes are. */
export function listDataDir(block: Uint8Array): { path: string; size?: number; at: number }[] {
  const length = new DataView(block.buffer, block.byteOffset, block.byteLength).getUint32(0);
  const index = JSON.parse(new TextDecoder().decode(block.subarray(4, 4 + length))) as Entry[];
  let at = 4 + length;
  return index.map(([path, size]) => {
    const entry = size === undefined ? { path, at } : { path, size, at };
    at += size ?? 0;
    if (at > block.length) throw new Error('the saved data directory is cut short');
    return entry;
  });
}

/** Write a block packDataDir made back into a file system; its files become views of `block`, which must not change after. */
export function unpackDataDir(fs: DataDirFs, block: Uint8Array): void {
  for (const { path, size, at } of listDataDir(block)) {
    if (size === undefined) fs.mkdirTree(path);
    else fs.writeFile(path, block.subarray(at, at + size), { canOwn: true });
  }
}
