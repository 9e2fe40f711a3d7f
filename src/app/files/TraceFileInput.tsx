/**
 * The hidden file input behind an "Open file" label: several JSON trace files at once. The
 * value is cleared after each pick so that picking the same file again opens it again.
 */
export function TraceFileInput({ onFiles }: { onFiles: (files: File[]) => void }) {
  return (
    <input
      type="file"
      accept=".json,application/json"
      multiple
      className="sr-only"
      onChange={(event) => {
        onFiles([...(event.target.files ?? [])]);
        event.target.value = '';
      }}
    />
  );
}
