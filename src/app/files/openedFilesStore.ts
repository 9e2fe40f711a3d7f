import { create } from 'zustand';
import type { Trace } from '../../model/types';
import { buildTraces } from '../../model/buildTrace';
import { importBytes } from '../../sources/detect';
import { ImportError } from '../../sources/importResult';

export interface OpenedFile {
  readonly name: string;
  readonly format: string;
  readonly spanCount: number;
  readonly issues: readonly string[];
  readonly error: string | null;
}

/** What one `open` call read: the new traces and how many files failed. */
export interface OpenResult {
  readonly traces: readonly Trace[];
  readonly failed: number;
}

interface OpenedFilesState {
  files: OpenedFile[];
  traces: Trace[];
  /** Reads files, imports whatever format each holds and builds the traces they contain. */
  open: (files: readonly File[]) => Promise<OpenResult>;
}

export const useOpenedFiles = create<OpenedFilesState>((set, get) => ({
  files: [],
  traces: [],
  open: async (files) => {
    const opened: OpenedFile[] = [];
    const traces: Trace[] = [];
    for (const file of files) {
      try {
        const result = importBytes(new Uint8Array(await file.arrayBuffer()), { records: true });
        traces.push(...buildTraces(result.spans, { adopt: true }));
        opened.push({
          name: file.name,
          format: result.format,
          spanCount: result.spans.length,
          issues: result.issues.map((issue) => `${issue.path}: ${issue.message}`),
          error: null,
        });
      } catch (err) {
        const reason = err instanceof ImportError ? err.message : `could not read the file: ${(err as Error).message}`;
        opened.push({ name: file.name, format: '', spanCount: 0, issues: [], error: reason });
      }
    }
    // A trace opened again replaces its older copy (one trace per ID, the newest file wins).
    const ids = new Set(traces.map((t) => t.traceId));
    set({ files: [...opened, ...get().files], traces: [...traces, ...get().traces.filter((t) => !ids.has(t.traceId))] });
    return { traces, failed: opened.filter((f) => f.error !== null).length };
  },
}));
