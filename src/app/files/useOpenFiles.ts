import { useNavigate } from 'react-router';
import { useOpenedFiles } from './openedFilesStore';

/**
 * Opens files and goes where the result is: a file holding exactly one trace opens it in the
 * trace view; several traces, or a file that could not be read, go to the files list.
 */
export function useOpenFiles(): (files: readonly File[]) => Promise<void> {
  const open = useOpenedFiles((state) => state.open);
  const navigate = useNavigate();
  return async (files) => {
    if (files.length === 0) return;
    const result = await open(files);
    const only = result.traces.length === 1 && result.failed === 0 ? result.traces[0] : undefined;
    navigate(only ? `/trace/${only.traceId}` : '/files');
  };
}
